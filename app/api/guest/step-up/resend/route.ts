import { withPractice } from '@/lib/db/with-practice';
import { guestRoute, seeOther } from '@/lib/links/guest-route';
import { sendStepUpCode } from '@/lib/links/send-step-up-code';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

/** A fresh code by email, limited per link so a link cannot flood its holder's inbox. */
export const POST = guestRoute({ allowPendingStepUp: true }, async ({ ctx, access }) => {
  if (!access.pendingStepUp) return seeOther('/r');
  await requireWithinLimit('step_up_send', ctx.linkId);

  await withPractice(ctx.practiceId, (db) => sendStepUpCode(db, ctx));

  return seeOther('/r?notice=code_sent');
});
