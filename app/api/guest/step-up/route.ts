import { AppError } from '@/lib/http/errors';
import { guestRoute, seeOther } from '@/lib/links/guest-route';
import { verifyStepUpCode } from '@/lib/links/verify-step-up-code';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

/** The emailed one-time code that lets a step-up session through. */
export const POST = guestRoute({ allowPendingStepUp: true }, async ({ req, ctx }) => {
  await requireWithinLimit('mfa', ctx.sessionId);
  const code = String((await req.formData()).get('code') ?? '').replace(/\s+/g, '');

  try {
    await verifyStepUpCode(ctx, code);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      return seeOther('/r?notice=wrong_code');
    }
    throw error;
  }

  return seeOther('/r');
});
