import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import { memberIdSchema, type MemberIdInput } from './change-member.schema';
import { endMemberSessions, lockMemberChange, requireOwnerRules } from './member-rules';

/**
 * Removes a person from the practice without deleting their history: the membership is
 * deactivated and every session they have here ends in the same transaction. API keys
 * they created stay (they belong to the practice); revoke those separately if needed.
 */
export async function deactivateMember(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: MemberIdInput,
): Promise<{ sessionsEnded: number }> {
  const { userId } = parseInput(memberIdSchema, raw);
  if (ctx.actor.type === 'user' && ctx.actor.userId === userId) {
    throw new AppError('conflict', 'You cannot deactivate yourself; ask another admin.');
  }
  const scope = await lockMemberChange(db, ctx, userId);
  if (scope.target.status === 'deactivated') return { sessionsEnded: 0 };
  requireOwnerRules(scope, { removing: true }, ctx);

  await db.membership.update({
    where: { practiceId_userId: { practiceId: ctx.practiceId, userId } },
    data: { status: 'deactivated' },
    select: { status: true },
  });
  const sessionsEnded = await endMemberSessions(db, ctx.practiceId, userId, 'deactivated');
  await recordAuditEvent(db, ctx, {
    action: 'membership.deactivated',
    entityType: 'user',
    entityId: userId,
    changes: diffFields({ status: 'active' }, { status: 'deactivated' }),
    metadata: { sessionsEnded },
  });

  return { sessionsEnded };
}
