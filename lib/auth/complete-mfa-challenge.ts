import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import type { RequestMeta } from './actor';
import { revokeSessionRow, type NewSession } from './create-session';
import { resolveSession } from './resolve-session';
import { startSession } from './start-session';
import { verifySecondFactor } from './verify-second-factor';

export type MfaChallengeOutcome =
  | { status: 'signed_in'; session: NewSession; userId: string }
  | { status: 'wrong_code' }
  | { status: 'no_challenge' };

/**
 * The second step of signing in. The pending session (password already checked) is
 * replaced by a full one on a right code; a wrong one is recorded and counted.
 */
export async function completeMfaChallenge(
  pendingToken: string,
  code: string,
  request: RequestMeta,
): Promise<MfaChallengeOutcome> {
  const pending = await resolveSession(pendingToken);
  if (!pending?.pendingMfa) return { status: 'no_challenge' };
  await requireWithinLimit('mfa', pending.userId);

  return withPractice(
    pending.practiceId,
    async (db): Promise<MfaChallengeOutcome> => {
      const ctx = {
        practiceId: pending.practiceId,
        actor: {
          type: 'user' as const,
          userId: pending.userId,
          sessionId: pending.sessionId,
          label: pending.userName,
        },
        request,
      };
      const method = await verifySecondFactor(db, pending.userId, code);
      if (!method) {
        await recordAuditEvent(db, ctx, {
          action: 'auth.mfa_failed',
          entityType: 'session',
          entityId: pending.sessionId,
        });

        return { status: 'wrong_code' };
      }
      await revokeSessionRow(db, pending.practiceId, pending.sessionId, 'mfa_completed');
      const session = await startSession(db, {
        practiceId: pending.practiceId,
        userId: pending.userId,
        label: pending.userName,
        pendingMfa: false,
        mfaVerified: true,
        request,
        action: 'auth.signed_in',
        metadata: { secondFactor: method },
      });

      return { status: 'signed_in', session, userId: pending.userId };
    },
    { userId: pending.userId },
  );
}
