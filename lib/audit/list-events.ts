import 'server-only';

import type { Role } from '@/lib/auth/permissions';
import { can } from '@/lib/auth/permissions';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { issuesToFields } from '@/lib/http/parse';
import type { Prisma } from '@/lib/generated/prisma/client';

import type { FieldChanges } from './diff-fields';
import { listEventsSchema, type AuditFilters } from './list-events.schema';

export interface AuditReader {
  practiceId: string;
  role: Role;
}

export interface AuditEventView {
  seq: string;
  id: string;
  createdAt: Date;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  changes: FieldChanges | null;
  metadata: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
}

export const AUDIT_EVENT_SELECT = {
  seq: true,
  id: true,
  createdAt: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  changes: true,
  metadata: true,
  requestId: true,
  ip: true,
  userAgent: true,
  sessionId: true,
} satisfies Prisma.AuditEventSelect;

type Row = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_EVENT_SELECT }>;

/**
 * The practice's audit trail, newest first, filtered and paged by seq (keyset), which
 * every filter's index ends in. Only for those who may read the audit log.
 */
export async function listEvents(db: PracticeDb, reader: AuditReader, input: unknown) {
  if (!can(reader.role, 'audit.read')) throw new AppError('forbidden');
  const parsed = listEventsSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', undefined, { fields: issuesToFields(parsed.error) });
  }
  const { cursor, limit = 50, ...filters } = parsed.data;

  const rows = await db.auditEvent.findMany({
    where: {
      ...auditWhere(reader.practiceId, filters),
      ...(cursor ? { seq: { lt: BigInt(cursor) } } : {}),
    },
    orderBy: { seq: 'desc' },
    take: limit + 1,
    select: AUDIT_EVENT_SELECT,
  });
  const items = rows.slice(0, limit).map(toView);

  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.seq : null, filters };
}

/** The where clause of a filter set; dates are whole UTC days, `to` inclusive. */
export function auditWhere(practiceId: string, filters: AuditFilters): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filters.from) createdAt.gte = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) createdAt.lt = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000);

  return {
    practiceId,
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
  };
}

export function toView(row: Row): AuditEventView {
  return {
    seq: row.seq.toString(),
    id: row.id,
    createdAt: row.createdAt,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: (row.changes as FieldChanges | null) ?? null,
    metadata: (row.metadata as Record<string, unknown> | null) ?? null,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    sessionId: row.sessionId,
  };
}
