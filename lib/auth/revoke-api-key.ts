import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { notFound } from '@/lib/http/errors';

import type { PracticeContext } from './actor';

/** Revokes a key; tokens it already obtained stop working on their next request. */
export async function revokeApiKey(
  db: PracticeDb,
  ctx: PracticeContext,
  id: string,
): Promise<void> {
  const result = await db.apiKey.updateMany({
    where: { practiceId: ctx.practiceId, id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw notFound();
  await recordAuditEvent(db, ctx, {
    action: 'api_key.revoked',
    entityType: 'api_key',
    entityId: id,
  });
}
