import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { enqueueEmail } from '@/lib/mail/enqueue-email';

import type { LoadedReferral } from './find-referral';
import type { WorkflowContext } from './workflow-context';

export type ReferralNotice =
  | 'receive'
  | 'request_info'
  | 'accept'
  | 'decline'
  | 'schedule'
  | 'reschedule'
  | 'send_report'
  | 'message';

// Emails leave our systems, so they carry the reference and the patient's name only;
// the details stay behind the referring vet's private link.
const SUBJECTS: Record<ReferralNotice, string> = {
  receive: 'Referral received',
  request_info: 'More information needed',
  accept: 'Referral accepted',
  decline: 'Referral declined',
  schedule: 'Appointment scheduled',
  reschedule: 'Appointment changed',
  send_report: 'Report ready',
  message: 'New message',
};

interface PracticeInfo {
  name: string;
  timezone: string;
}

function formatAppointment(at: Date | null, timeZone: string): string {
  if (!at) return 'a time to be confirmed';

  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
}

function bodyFor(notice: ReferralNotice, referral: LoadedReferral, practice: PracticeInfo): string {
  const practiceName = practice.name;
  switch (notice) {
    case 'receive':
      return `${practiceName} has received your referral and will review it shortly.`;
    case 'request_info':
      return `${practiceName} needs more information before deciding. Please open your link to see what is needed and upload it there.`;
    case 'accept':
      return `${practiceName} has accepted the referral. We will contact the owner to book an appointment.`;
    case 'decline':
      return [
        `${practiceName} is unable to accept this referral.`,
        `Reason: ${referral.declineReason ?? 'not given'}`,
        referral.declineAlternative ? `Suggested alternative: ${referral.declineAlternative}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    case 'schedule':
    case 'reschedule':
      return `An appointment has been booked for ${formatAppointment(referral.scheduledAt, practice.timezone)} at ${referral.scheduledLocation ?? practiceName}.`;
    case 'send_report':
      return `The clinical report is ready. Open your link to read and download it.`;
    case 'message':
      return `${practiceName} has sent you a message about this referral. Open your link to read and reply.`;
  }
}

/** Queues the email in the caller's transaction, so it is sent only if the change commits. */
export async function notifyReferringVet(
  db: PracticeDb,
  ctx: WorkflowContext,
  referral: LoadedReferral,
  notice: ReferralNotice,
  practice: PracticeInfo,
): Promise<void> {
  const practiceName = practice.name;
  const subject = `${SUBJECTS[notice]}: ${referral.patientName} (${referral.reference})`;
  const text = [
    `Dear ${referral.referringVet.name},`,
    '',
    `Referral ${referral.reference} for ${referral.patientName}.`,
    bodyFor(notice, referral, practice),
    '',
    `Use the private link ${practiceName} sent you for this referral to see its status, messages and documents.`,
  ].join('\n');

  await enqueueEmail(db, ctx, {
    to: referral.referringVet.email,
    subject,
    text,
    template: `referral.${notice}`,
  });
}
