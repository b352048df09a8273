import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';

import { assignReferralSchema, type AssignReferralInput } from './assign-referral.schema';
import { lockReferralOrThrow, requireClinician } from './find-referral';
import { parseInput } from './parse-input';
import type { WorkflowContext } from './workflow-context';

/** Makes an active clinician of the practice responsible for the referral, or nobody. */
export async function assignReferral(
  db: PracticeDb,
  ctx: WorkflowContext,
  raw: AssignReferralInput,
) {
  const input = parseInput(assignReferralSchema, raw);
  const before = await lockReferralOrThrow(db, ctx, input.referralId);
  if (before.assigneeUserId === input.assigneeUserId) return before;
  if (input.assigneeUserId) {
    await requireClinician(db, ctx, input.assigneeUserId, 'assigneeUserId');
  }

  const referral = await db.referral.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: before.id } },
    data: { assigneeUserId: input.assigneeUserId },
    include: { referringVet: true, referringClinic: true },
  });
  await recordAuditEvent(db, ctx, {
    action: 'referral.assigned',
    entityType: 'referral',
    entityId: before.id,
    changes: { assigneeUserId: { from: before.assigneeUserId, to: input.assigneeUserId } },
  });

  return referral;
}
