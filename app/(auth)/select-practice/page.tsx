import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import styles from '@/components/auth/auth.module.css';
import { listMemberships } from '@/lib/auth/list-memberships';
import { getOptionalStaff } from '@/lib/auth/require-staff';

import { selectPracticeAction } from './actions';

export const metadata: Metadata = { title: 'Choose a practice' };

const ROLE_NAMES: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  clinician: 'Clinician',
  nurse: 'Nurse / technician',
  front_desk: 'Front desk',
  read_only: 'Read only',
};

export default async function SelectPracticePage() {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');
  const practices = await listMemberships(staff.userId);

  return (
    <>
      <h1>Choose a practice</h1>
      <p className={styles.muted}>You work for several practices. Which one now?</p>
      <ul className={styles.list}>
        {practices.map((p) => (
          <li key={p.practiceId}>
            <form action={selectPracticeAction}>
              <input type="hidden" name="practiceId" value={p.practiceId} />
              <button
                className={`${styles.button} ${p.practiceId === staff.practiceId ? '' : styles.secondary}`}
                type="submit"
                aria-current={p.practiceId === staff.practiceId ? 'true' : undefined}
              >
                {p.practiceName} · {ROLE_NAMES[p.role] ?? p.role}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
