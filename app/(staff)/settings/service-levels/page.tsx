import type { Metadata } from 'next';

import { ActionForm } from '@/components/settings/action-form';
import styles from '@/components/settings/settings.module.css';
import { Field, Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { getPracticeSettings } from '@/lib/settings/get-practice-settings';

import { saveServiceLevelsAction } from '../practice/actions';

export const metadata: Metadata = { title: 'Service levels' };

const FIELDS = [
  ['acknowledgeEmergencyMinutes', 'Acknowledge an emergency within (minutes)', 5, 1440],
  ['acknowledgeWorkingDays', 'Acknowledge other referrals within (working days)', 1, 30],
  ['scheduleWorkingDays', 'Schedule an accepted referral within (working days)', 1, 30],
  ['reportWorkingDays', 'Send the report after discharge within (working days)', 1, 60],
] as const;

export default async function ServiceLevelsPage() {
  const staff = await requireStaffPage('practice.manage');
  const { settings } = await withPractice(
    staff.practiceId,
    (db) => getPracticeSettings(db, staff.practiceId),
    { userId: staff.userId },
  );

  return (
    <>
      <PageHeader
        title="Service levels"
        description="The promises you make to referring vets. The inbox flags what is overdue."
      />
      <ActionForm action={saveServiceLevelsAction} submitLabel="Save targets">
        <div className={styles.grid}>
          {FIELDS.map(([name, label, min, max]) => (
            <Field key={name} id={name} label={label}>
              <Input
                id={name}
                name={name}
                type="number"
                min={min}
                max={max}
                step={1}
                required
                defaultValue={settings.slaTargets[name]}
              />
            </Field>
          ))}
        </div>
      </ActionForm>
    </>
  );
}
