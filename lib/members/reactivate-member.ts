import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { parseInput } from '@/lib/referrals/parse-input';

import { memberIdSchema, type MemberIdInput } from './change-member.schema';
import { lockMemberChange, requireOwnerRules } from './member-rules';

/** Restores a deactivated membership with its previous role; only an owner restores an owner. */
export async function reactivateMember(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: MemberIdInput,
): Promise<{ changed: boolean }> {
  const { userId } = parseInput(memberIdSchema, raw);
  const scope = await lockMemberChange(db, ctx, userId);
  if (scope.target.status === 'active') return { changed: false };
  requireOwnerRules(scope, {}, ctx);

  await db.membership.update({
    where: { practiceId_userId: { practiceId: ctx.practiceId, userId } },
    data: { status: 'active' },
    select: { status: true },
  });
  await recordAuditEvent(db, ctx, {
    action: 'membership.reactivated',
    entityType: 'user',
    entityId: userId,
    changes: diffFields({ status: 'deactivated' }, { status: 'active' }),
  });

  return { changed: true };
}
