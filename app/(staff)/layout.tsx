import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

import { NavLink } from '@/components/ui/nav-link';
import { can } from '@/lib/auth/permissions';
import { getOptionalStaff } from '@/lib/auth/require-staff';

import styles from './staff.module.css';

const ROLE_LABELS: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  clinician: 'Clinician',
  nurse: 'Nurse',
  front_desk: 'Front desk',
  read_only: 'Read only',
};

/** The signed-in shell. Each page still checks its own permission with requireStaffPage. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');

  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <header className={styles.topbar}>
        <Link href="/dashboard" className={styles.brand}>
          VetLoop
        </Link>
        <span className={styles.practice}>{staff.practiceName}</span>
        <nav aria-label="Main" className={styles.nav}>
          <NavLink href="/dashboard">Dashboard</NavLink>
          <NavLink href="/inbox">Inbox</NavLink>
          {can(staff.role, 'practice.manage') ? <NavLink href="/settings">Settings</NavLink> : null}
        </nav>
        <div className={styles.user}>
          <span>
            {staff.userName} <span className={styles.practice}>· {ROLE_LABELS[staff.role]}</span>
          </span>
          <form action="/api/auth/sign-out" method="post">
            <button type="submit" className={styles.signOut}>
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" className={styles.main}>
        {children}
      </main>
    </div>
  );
}
