import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import styles from '@/components/guest/guest.module.css';
import { IntakeForm } from '@/components/guest/intake-form';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { issueFormStamp } from '@/lib/intake/form-stamp';
import { intakeServices } from '@/lib/intake/intake-services';
import { resolveIntakeLinkOrThrow, type IntakeLinkTarget } from '@/lib/links/resolve-intake-link';

import { submitIntakeAction } from './actions';

export const metadata: Metadata = {
  title: 'Refer a patient',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

/** The practice's services, if it listed them in settings; otherwise free text. */
async function servicesOf(target: IntakeLinkTarget): Promise<string[]> {
  const practice = await withPractice(target.practiceId, (db) =>
    db.practice.findUnique({ where: { id: target.practiceId }, select: { settings: true } }),
  );

  return intakeServices(practice?.settings);
}

export default async function IntakePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const target = await resolveIntakeLinkOrThrow(token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  if (!target) notFound();
  const services = target.service ? [target.service] : await servicesOf(target);

  return (
    <main className={styles.page}>
      <h1>Refer a patient to {target.practiceName}</h1>
      <p>
        Fields marked <span aria-hidden="true">*</span>
        <span className={styles.visuallyHidden}>with an asterisk</span> are required. After sending
        you will get a private link to follow this referral.
      </p>
      <IntakeForm
        action={submitIntakeAction.bind(null, token)}
        stamp={issueFormStamp(target.linkId)}
        services={services}
        fixedService={target.service}
      />
    </main>
  );
}
