import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import { revokeSessionRow } from '@/lib/auth/create-session';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import { revokeSessionSchema, type RevokeSessionInput } from './revoke-session.schema';

/**
 * Ends any session of this practice. The holder's very next request is refused: the
 * proxy resolves the cookie against the row, and the app layer re-checks the row behind
 * every access token, so a token minted a moment earlier dies with it.
 */
export async function revokeSession(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: RevokeSessionInput,
): Promise<{ revoked: boolean }> {
  const { sessionId } = parseInput(revokeSessionSchema, raw);
  const session = await db.session.findFirst({
    where: { practiceId: ctx.practiceId, id: sessionId },
    select: { userId: true },
  });
  if (!session) throw new AppError('not_found');
  const revoked = await revokeSessionRow(db, ctx.practiceId, sessionId, 'revoked_by_admin');
  if (!revoked) return { revoked: false };

  await recordAuditEvent(db, ctx, {
    action: 'session.revoked',
    entityType: 'session',
    entityId: sessionId,
    changes: { revokedAt: { from: null, to: new Date().toISOString() } },
    metadata: { userId: session.userId },
  });

  return { revoked: true };
}
