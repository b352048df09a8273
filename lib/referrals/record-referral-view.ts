import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';

import { findReferralOrThrow } from './find-referral';
import type { WorkflowContext } from './workflow-context';

/** Opening a referral is itself on record: who looked at which patient, and when. */
export async function recordReferralView(db: PracticeDb, ctx: WorkflowContext, id: string) {
  const referral = await findReferralOrThrow(db, ctx, id);
  await recordAuditEvent(db, ctx, {
    action: 'referral.viewed',
    entityType: 'referral',
    entityId: referral.id,
  });
}
