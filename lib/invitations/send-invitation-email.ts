import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { enqueueEmail } from '@/lib/mail/enqueue-email';

import { invitationText, invitationUrl } from './invitation-policy';

/** Queues the invitation mail in the caller's transaction (sent only if it commits). */
export async function sendInvitationEmail(
  db: PracticeDb,
  ctx: PracticeContext,
  to: string,
  token: string,
): Promise<void> {
  const practice = await db.practice.findFirst({
    where: { id: ctx.practiceId },
    select: { name: true },
  });
  const name = practice?.name ?? 'a practice';
  await enqueueEmail(db, ctx, {
    to,
    subject: `You are invited to ${name} on VetLoop`,
    text: invitationText(name, ctx.actor.label, invitationUrl(token)),
    template: 'invitation.sent',
  });
}
