import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

import { findPracticeOrThrow, findReferralOrThrow } from './find-referral';
import { readSlaTargets, serviceLevelDue } from './service-levels';
import type { WorkflowContext } from './workflow-context';

/** One referral with what its page shows beside it: assignee, clinic, service-level clock. */
export async function getReferral(
  db: PracticeDb,
  ctx: WorkflowContext,
  id: string,
  now = new Date(),
) {
  const referral = await findReferralOrThrow(db, ctx, id);
  const practice = await findPracticeOrThrow(db, ctx);
  const assignee = referral.assigneeUserId
    ? await db.user.findUnique({
        where: { id: referral.assigneeUserId },
        select: { id: true, name: true },
      })
    : null;
  const due = serviceLevelDue(referral, readSlaTargets(practice.settings), practice.timezone);

  return {
    referral,
    assignee,
    timeZone: practice.timezone,
    serviceLevel: due ? { ...due, overdue: now.getTime() > due.dueAt.getTime() } : null,
  };
}
