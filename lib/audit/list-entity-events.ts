import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

import { AUDIT_EVENT_SELECT, toView, type AuditEventView } from './list-events';

/**
 * One entity's own trail (a referral's timeline), oldest first, by the entity index.
 * The caller has already found the entity in this practice and checked who may see it.
 */
export async function listEntityEvents(
  db: PracticeDb,
  practiceId: string,
  entity: { entityType: string; entityId: string },
  options: { limit?: number } = {},
): Promise<AuditEventView[]> {
  const rows = await db.auditEvent.findMany({
    where: { practiceId, entityType: entity.entityType, entityId: entity.entityId },
    orderBy: { seq: 'asc' },
    take: Math.min(options.limit ?? 500, 1000),
    select: AUDIT_EVENT_SELECT,
  });

  return rows.map(toView);
}
