import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import styles from '@/components/auth/auth.module.css';
import { CodeForm } from '@/components/auth/code-form';
import { MfaEnrolment } from '@/components/auth/mfa-enrolment';
import { readMfaState } from '@/lib/auth/mfa-state';
import { getOptionalStaff } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';

import {
  beginEnrolmentAction,
  completeEnrolmentAction,
  disableMfaAction,
  finishEnrolmentAction,
} from './actions';

export const metadata: Metadata = { title: 'Sign-in security' };

export default async function SecurityPage() {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');
  const mfa = await withPractice(staff.practiceId, readMfaState, { userId: staff.userId });

  return (
    <>
      <h1>Sign-in security</h1>
      <p className={styles.muted}>Signed in as {staff.actor.label}.</p>
      {!mfa.enabled && (
        <p>
          Two-step verification asks for a code from your phone after your password, so a stolen
          password alone cannot open your account.
        </p>
      )}
      <MfaEnrolment
        begin={beginEnrolmentAction}
        complete={completeEnrolmentAction}
        finish={finishEnrolmentAction}
        enabled={mfa.enabled}
        enabledView={
          <>
            <p className={styles.notice}>
              Two-step verification is on. {mfa.recoveryCodesLeft} recovery codes left.
            </p>
            <h2>Turn it off</h2>
            <CodeForm
              action={disableMfaAction}
              submit="Turn off two-step verification"
              hint="Confirm with a current code from your app or a recovery code."
            />
          </>
        }
      />
      <div className={styles.links}>
        <a href="/dashboard">Back to VetLoop</a>
      </div>
    </>
  );
}
