import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

import { recordAuditEvent } from './record-event';

/**
 * Records that someone looked at something (message_thread.viewed, document.downloaded,
 * referral.viewed): reads are events too. Call it in the same transaction as the read.
 */
export async function recordAccess(
  db: PracticeDb,
  ctx: PracticeContext,
  access: { action: string; entityType: string; entityId?: string | null },
): Promise<void> {
  await recordAuditEvent(db, ctx, access);
}
