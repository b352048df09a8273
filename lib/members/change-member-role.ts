import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { parseInput } from '@/lib/referrals/parse-input';

import { changeMemberRoleSchema, type ChangeMemberRoleInput } from './change-member.schema';
import { endMemberSessions, lockMemberChange, requireOwnerRules } from './member-rules';

/**
 * Gives a member another role. Their sessions in this practice end at once: a change of
 * privilege replaces the session (they sign in again into the new role), and no request
 * after this commits can act with the old role, since every request re-reads the role
 * from the membership (lib/auth/load-live-staff.ts) and the session from its row.
 */
export async function changeMemberRole(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: ChangeMemberRoleInput,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  const input = parseInput(changeMemberRoleSchema, raw);
  const scope = await lockMemberChange(db, ctx, input.userId);
  if (scope.target.role === input.role) return { changed: false, sessionsEnded: 0 };
  requireOwnerRules(scope, { newRole: input.role }, ctx);

  await db.membership.update({
    where: { practiceId_userId: { practiceId: ctx.practiceId, userId: input.userId } },
    data: { role: input.role },
    select: { role: true },
  });
  const sessionsEnded = await endMemberSessions(db, ctx.practiceId, input.userId, 'role_changed');
  await recordAuditEvent(db, ctx, {
    action: 'membership.role_changed',
    entityType: 'user',
    entityId: input.userId,
    changes: diffFields({ role: scope.target.role }, { role: input.role }),
    metadata: { sessionsEnded },
  });

  return { changed: true, sessionsEnded };
}
