import type { Metadata } from 'next';

import styles from '@/components/guest/guest.module.css';
import { GuestReferral } from '@/components/guest/guest-referral';
import { StepUpForm } from '@/components/guest/step-up-form';
import { Alert } from '@/components/ui/alert';
import { withPractice } from '@/lib/db/with-practice';
import { getGuestReferral } from '@/lib/links/get-guest-referral';
import { GUEST_NOTICES } from '@/lib/links/guest-notices';
import { recordGuestView } from '@/lib/links/record-guest-view';
import { getGuestAccess } from '@/lib/links/require-guest';

export const metadata: Metadata = {
  title: 'Your referral',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

/** The referring vet's page, reached only through the guest cookie set by /r/<token>. */
export default async function GuestReferralPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string }>;
}) {
  const { notice } = await searchParams;
  const shown = notice ? GUEST_NOTICES[notice] : undefined;
  const access = await getGuestAccess();

  return (
    <main className={styles.page}>
      {shown ? <Alert tone={shown.tone}>{shown.text}</Alert> : null}
      {!access ? (
        <section className={styles.section}>
          <h1>Your link session has ended</h1>
          <p>
            For your patient&apos;s privacy, sessions end after 30 minutes without activity, or when
            the hospital withdraws the link. Open the link from your email again.
          </p>
        </section>
      ) : access.pendingStepUp ? (
        <StepUpForm />
      ) : (
        <GuestReferral
          view={await withPractice(access.ctx.practiceId, async (db) => {
            await recordGuestView(db, access.ctx);

            return getGuestReferral(db, access.ctx);
          })}
        />
      )}
    </main>
  );
}
