import type { Metadata } from 'next';

import { ActionForm } from '@/components/settings/action-form';
import styles from '@/components/settings/settings.module.css';
import { Field, Input, Textarea } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { getPracticeSettings } from '@/lib/settings/get-practice-settings';
import {
  AUDIT_RETENTION_YEARS,
  SESSION_IDLE_MINUTES,
  SESSION_LIFETIME_HOURS,
} from '@/lib/settings/practice-settings';

import { saveSecurityAction } from './actions';

export const metadata: Metadata = { title: 'Security' };

export default async function SecurityPage() {
  const staff = await requireStaffPage('security.manage');
  const { settings } = await withPractice(
    staff.practiceId,
    (db) => getPracticeSettings(db, staff.practiceId),
    { userId: staff.userId },
  );
  const { security } = settings;

  return (
    <>
      <PageHeader
        title="Security"
        description="These apply to everyone in the practice from their next request."
      />
      <ActionForm action={saveSecurityAction} submitLabel="Save security settings">
        <label className={styles.check}>
          <input type="checkbox" name="requireMfa" defaultChecked={security.requireMfa} />
          Require two-factor authentication for all staff
        </label>
        <p className={styles.muted}>
          Anyone whose session did not use a second factor, you included, is sent to set one up on
          their next page; the API refuses their session until then.
        </p>
        <div className={styles.grid}>
          <Field id="sessionIdleMinutes" label="Sign out after inactivity (minutes)">
            <Input
              id="sessionIdleMinutes"
              name="sessionIdleMinutes"
              type="number"
              min={SESSION_IDLE_MINUTES.min}
              max={SESSION_IDLE_MINUTES.max}
              defaultValue={security.sessionIdleMinutes}
              required
            />
          </Field>
          <Field id="sessionLifetimeHours" label="Sign out after at most (hours)">
            <Input
              id="sessionLifetimeHours"
              name="sessionLifetimeHours"
              type="number"
              min={SESSION_LIFETIME_HOURS.min}
              max={SESSION_LIFETIME_HOURS.max}
              defaultValue={security.sessionLifetimeHours}
              required
            />
          </Field>
        </div>
        <Field
          id="staffIpAllowList"
          label="Staff may sign in only from these addresses"
          hint={`One address or range per line, e.g. 203.0.113.0/24. Empty means anywhere. Your address now: ${staff.request.ip ?? 'unknown'}.`}
        >
          <Textarea
            id="staffIpAllowList"
            name="staffIpAllowList"
            rows={4}
            defaultValue={security.staffIpAllowList.join('\n')}
          />
        </Field>
        <Field
          id="corsOrigins"
          label="Browser apps allowed to call the API (CORS origins)"
          hint="One origin per line, e.g. https://pms.example.com. No wildcards."
        >
          <Textarea
            id="corsOrigins"
            name="corsOrigins"
            rows={3}
            defaultValue={settings.corsOrigins.join('\n')}
          />
        </Field>
        <Field
          id="auditRetentionYears"
          label="Keep the audit trail for at least (years)"
          hint="A promise to your auditors: nothing in VetLoop deletes audit events."
        >
          <Input
            id="auditRetentionYears"
            name="auditRetentionYears"
            type="number"
            min={AUDIT_RETENTION_YEARS.min}
            max={AUDIT_RETENTION_YEARS.max}
            defaultValue={settings.auditRetentionYears}
            required
          />
        </Field>
      </ActionForm>
    </>
  );
}
