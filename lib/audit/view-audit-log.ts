import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import type { PracticeDb } from '@/lib/db/with-practice';

import { getAuditRetentionYears } from './get-audit-retention';
import { listEvents } from './list-events';
import { recordAccess } from './record-access';

/**
 * What the admin audit page shows: a page of events, the people to filter by and the
 * retention setting. Viewing is itself recorded (audit_log.viewed), after the filters
 * were accepted, in the same transaction as the read.
 */
export async function viewAuditLog(
  db: PracticeDb,
  ctx: PracticeContext & { role: Role },
  input: unknown,
) {
  const page = await listEvents(db, ctx, input);
  const [members, retentionYears] = await Promise.all([
    db.membership.findMany({
      where: { practiceId: ctx.practiceId },
      select: { userId: true, user: { select: { name: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
    getAuditRetentionYears(db, ctx.practiceId),
  ]);
  await recordAccess(db, ctx, { action: 'audit_log.viewed', entityType: 'audit_log' });

  return {
    ...page,
    retentionYears,
    actors: members.map((m) => ({ id: m.userId, name: m.user.name })),
  };
}
