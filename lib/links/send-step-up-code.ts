import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { enqueueEmail } from '@/lib/mail/enqueue-email';

import type { GuestContext } from './guest-context';
import { LINK_POLICY } from './link-policy';
import { hashStepUpCode, newStepUpCode } from './step-up-code';

/**
 * Issues a fresh one-time code for a guest session and emails it to the link's holder.
 * A new code replaces the old one and resets the attempt count; how often codes may be
 * sent is limited by the caller (tier step_up_send).
 */
export async function sendStepUpCode(db: PracticeDb, ctx: GuestContext): Promise<void> {
  const code = newStepUpCode();
  await db.guestSession.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: ctx.sessionId } },
    data: {
      codeHash: new Uint8Array(hashStepUpCode(ctx.sessionId, code)),
      codeExpiresAt: new Date(Date.now() + LINK_POLICY.stepUpCodeMs),
      codeAttempts: 0,
    },
  });
  const minutes = LINK_POLICY.stepUpCodeMs / 60_000;
  await enqueueEmail(db, ctx, {
    to: ctx.actor.label,
    subject: 'Your VetLoop access code',
    text: [
      `Your code to open the referral link is ${code}.`,
      `It works once, for ${minutes} minutes. If you did not just open a VetLoop link, ignore this email.`,
    ].join('\n\n'),
    template: 'guest.step_up_code',
  });
  await recordAuditEvent(db, ctx, {
    action: 'guest_session.code_sent',
    entityType: 'guest_session',
    entityId: ctx.sessionId,
    metadata: { linkId: ctx.linkId },
  });
}
