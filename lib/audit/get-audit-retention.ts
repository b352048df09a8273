import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

export const DEFAULT_AUDIT_RETENTION_YEARS = 6;

/**
 * How long the practice keeps its audit trail (practices.settings.auditRetentionYears,
 * six years by default). It is a promise of a minimum, not a schedule: the app has no
 * code path that deletes audit events, and the table's triggers refuse DELETE and
 * TRUNCATE to every role. Removing events older than this would be a deliberate,
 * offline act by the database owner (and would show in audit:verify).
 */
export async function getAuditRetentionYears(db: PracticeDb, practiceId: string): Promise<number> {
  const practice = await db.practice.findUnique({
    where: { id: practiceId },
    select: { settings: true },
  });
  const value = (practice?.settings as Record<string, unknown> | null)?.auditRetentionYears;

  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100
    ? value
    : DEFAULT_AUDIT_RETENTION_YEARS;
}
