import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import type { GuestContext } from './guest-context';
import { LINK_POLICY } from './link-policy';
import { stepUpCodeMatches } from './step-up-code';

/**
 * Checks the emailed code for a pending guest session. Five wrong tries end the
 * session (the link must be opened again, which is rate limited and sends a new code).
 */
export async function verifyStepUpCode(ctx: GuestContext, code: string): Promise<void> {
  const outcome = await withPractice(ctx.practiceId, async (db) => {
    const where = { practiceId_id: { practiceId: ctx.practiceId, id: ctx.sessionId } };
    const session = await db.guestSession.findUnique({ where });
    if (!session || session.revokedAt) return 'ended' as const;
    if (session.stepUpVerifiedAt) return 'ok' as const;
    const live =
      session.codeHash !== null &&
      session.codeExpiresAt !== null &&
      session.codeExpiresAt > new Date() &&
      session.codeAttempts < LINK_POLICY.stepUpMaxAttempts;
    if (live && /^\d{6}$/.test(code) && stepUpCodeMatches(session.codeHash!, ctx.sessionId, code)) {
      await db.guestSession.update({
        where,
        data: { stepUpVerifiedAt: new Date(), codeHash: null, codeExpiresAt: null },
      });
      await audit(db, ctx, 'guest_session.step_up_verified');

      return 'ok' as const;
    }
    const attempts = session.codeAttempts + 1;
    const exhausted = !live || attempts >= LINK_POLICY.stepUpMaxAttempts;
    await db.guestSession.update({
      where,
      data: { codeAttempts: attempts, ...(exhausted ? { revokedAt: new Date() } : {}) },
    });
    await audit(db, ctx, 'guest_session.step_up_failed', { attempts, ended: exhausted });

    return exhausted ? ('ended' as const) : ('wrong' as const);
  });
  if (outcome === 'wrong') {
    throw new AppError('validation_failed', 'That code is not right.', {
      fields: [{ path: 'code', message: 'That code is not right. Check the email and try again.' }],
    });
  }
  if (outcome === 'ended') {
    throw new AppError('unauthenticated', 'That code can no longer be used. Open your link again.');
  }
}

function audit(
  db: PracticeDb,
  ctx: GuestContext,
  action: string,
  metadata: Record<string, unknown> = {},
) {
  return recordAuditEvent(db, ctx, {
    action,
    entityType: 'guest_session',
    entityId: ctx.sessionId,
    metadata: { linkId: ctx.linkId, ...metadata },
  });
}
