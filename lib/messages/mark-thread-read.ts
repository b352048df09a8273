import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { findReferralOrThrow } from '@/lib/referrals/find-referral';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { readerOf } from './post-message';

/**
 * Opening a thread: every message the caller can see is marked read by them, and the
 * opening is recorded (message access is part of the audit trail).
 */
export async function markThreadRead(db: PracticeDb, ctx: WorkflowContext, referralId: string) {
  const referral = await findReferralOrThrow(db, ctx, referralId);
  const reader = readerOf(ctx);
  let marked = 0;
  if (reader) {
    const visibility = reader.readerType === 'guest' ? ['shared'] : ['shared', 'internal'];
    marked = await db.$executeRaw`
      INSERT INTO message_reads (practice_id, message_id, reader_type, reader_id, referral_id)
      SELECT m.practice_id, m.id, ${reader.readerType}, ${reader.readerId}::uuid, m.referral_id
      FROM messages m
      WHERE m.practice_id = ${ctx.practiceId}::uuid AND m.referral_id = ${referral.id}::uuid
        AND m.visibility = ANY (${visibility}::text[])
      ON CONFLICT DO NOTHING`;
  }
  await recordAuditEvent(db, ctx, {
    action: 'message_thread.viewed',
    entityType: 'message_thread',
    entityId: referral.id,
    metadata: { newlyRead: marked },
  });

  return { marked };
}
