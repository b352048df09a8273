import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { Prisma } from '@/lib/generated/prisma/client';

import { findPracticeOrThrow } from './find-referral';
import {
  listReferralsSchema,
  type ListReferralsFilters,
  type ListReferralsInput,
} from './list-referrals.schema';
import { parseInput } from './parse-input';
import { decodeCursor, encodeCursor, type ReferralCursor } from './referral-cursor';
import { readSlaTargets, serviceLevelDue } from './service-levels';
import type { ReferralStatus } from './state-machine';
import type { WorkflowContext } from './workflow-context';

interface Row {
  id: string;
  reference: string;
  status: ReferralStatus;
  urgency: string;
  service: string;
  patientName: string;
  species: string;
  ownerName: string;
  vetName: string;
  clinicId: string;
  clinicName: string;
  assigneeUserId: string | null;
  assigneeName: string | null;
  createdAt: Date;
  statusChangedAt: Date;
  scheduledAt: Date | null;
  unread: number;
  rank: number;
  sortAt: string;
}

// Must stay identical to the expression of referrals_priority_idx (0004 migration).
const RANK = Prisma.sql`(CASE r.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END)`;
const utcText = (column: Prisma.Sql) =>
  Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'`;

/**
 * The inbox: referrals matching the filters, in the chosen order (emergencies first by
 * default), a page at a time by keyset cursor, with counts per status for the same
 * filters and each row's service-level clock.
 */
export async function listReferrals(
  db: PracticeDb,
  ctx: WorkflowContext,
  raw: ListReferralsInput,
  now = new Date(),
) {
  const filters = parseInput(listReferralsSchema, raw);
  const cursor = filters.cursor ? decodeCursor(filters.cursor, filters.sort) : null;
  const where = filterConditions(ctx, filters);
  const statusWhere = filters.status?.length
    ? Prisma.sql`r.status IN (${Prisma.join(filters.status)})`
    : Prisma.sql`TRUE`;
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;

  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id, r.reference, r.status, r.urgency, r.service, r.patient_name AS "patientName",
      r.species, r.owner_name AS "ownerName", v.name AS "vetName", c.id AS "clinicId",
      c.name AS "clinicName", r.assignee_user_id AS "assigneeUserId", u.name AS "assigneeName",
      r.created_at AS "createdAt", r.status_changed_at AS "statusChangedAt",
      r.scheduled_at AS "scheduledAt", ${RANK}::int AS rank,
      ${utcText(filters.sort === 'updated' ? Prisma.sql`r.status_changed_at` : Prisma.sql`r.created_at`)} AS "sortAt",
      ${unreadCount(userId)} AS unread
    FROM referrals r
    JOIN referring_vets v ON v.practice_id = r.practice_id AND v.id = r.referring_vet_id
    JOIN referring_clinics c ON c.practice_id = r.practice_id AND c.id = r.referring_clinic_id
    LEFT JOIN users u ON u.id = r.assignee_user_id
    WHERE ${where} AND ${statusWhere} AND ${cursor ? afterCursor(cursor) : Prisma.sql`TRUE`}
    ORDER BY ${orderBy(filters.sort)}
    LIMIT ${filters.limit + 1}`;

  // Only the search reads the vet; without it the counts are an index-only scan.
  const vetJoin = filters.q
    ? Prisma.sql`JOIN referring_vets v ON v.practice_id = r.practice_id AND v.id = r.referring_vet_id`
    : Prisma.empty;
  const counts = await db.$queryRaw<{ status: ReferralStatus; count: number }[]>`
    SELECT r.status, count(*)::int AS count
    FROM referrals r
    ${vetJoin}
    WHERE ${where}
    GROUP BY r.status`;

  const practice = await findPracticeOrThrow(db, ctx);
  const targets = readSlaTargets(practice.settings);
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];

  return {
    items: page.map((row) => {
      const due = serviceLevelDue(row, targets, practice.timezone);

      return {
        ...withoutSortKeys(row),
        dueAt: due?.dueAt ?? null,
        overdue: !!due && now > due.dueAt,
      };
    }),
    nextCursor:
      rows.length > filters.limit && last
        ? encodeCursor({ sort: filters.sort, rank: last.rank, at: last.sortAt, id: last.id })
        : null,
    countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Partial<
      Record<ReferralStatus, number>
    >,
    timeZone: practice.timezone,
  };
}

export type ReferralListItem = Awaited<ReturnType<typeof listReferrals>>['items'][number];

function withoutSortKeys(row: Row): Omit<Row, 'rank' | 'sortAt'> {
  const copy: Partial<Row> = { ...row };
  delete copy.rank;
  delete copy.sortAt;

  return copy as Omit<Row, 'rank' | 'sortAt'>;
}

function filterConditions(ctx: WorkflowContext, f: ListReferralsFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`r.practice_id = ${ctx.practiceId}::uuid`];
  if (f.urgency) parts.push(Prisma.sql`r.urgency = ${f.urgency}`);
  if (f.service) parts.push(Prisma.sql`lower(r.service) = lower(${f.service})`);
  if (f.assignee === 'none') parts.push(Prisma.sql`r.assignee_user_id IS NULL`);
  else if (f.assignee) parts.push(Prisma.sql`r.assignee_user_id = ${f.assignee}::uuid`);
  if (f.clinic) parts.push(Prisma.sql`r.referring_clinic_id = ${f.clinic}::uuid`);
  // Calendar days in the practice's zone, not the server's.
  const zone = Prisma.sql`(SELECT timezone FROM practices WHERE id = ${ctx.practiceId}::uuid)`;
  if (f.from)
    parts.push(Prisma.sql`r.created_at >= (${f.from}::date::timestamp AT TIME ZONE ${zone})`);
  if (f.to) {
    parts.push(Prisma.sql`r.created_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE ${zone})`);
  }
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(r.patient_name ILIKE ${pattern} OR r.owner_name ILIKE ${pattern}
      OR v.name ILIKE ${pattern} OR r.reference ILIKE ${pattern})`);
  }

  return Prisma.join(parts, ' AND ');
}

function orderBy(sort: ListReferralsFilters['sort']): Prisma.Sql {
  switch (sort) {
    case 'priority':
      return Prisma.sql`${RANK} ASC, r.created_at DESC, r.id DESC`;
    case 'newest':
      return Prisma.sql`r.created_at DESC, r.id DESC`;
    case 'oldest':
      return Prisma.sql`r.created_at ASC, r.id ASC`;
    case 'updated':
      return Prisma.sql`r.status_changed_at DESC, r.id DESC`;
  }
}

function afterCursor(c: ReferralCursor): Prisma.Sql {
  const at = Prisma.sql`${c.at}::timestamptz`;
  const id = Prisma.sql`${c.id}::uuid`;
  switch (c.sort) {
    case 'priority':
      return Prisma.sql`(${RANK} > ${c.rank} OR (${RANK} = ${c.rank} AND (r.created_at, r.id) < (${at}, ${id})))`;
    case 'newest':
      return Prisma.sql`(r.created_at, r.id) < (${at}, ${id})`;
    case 'oldest':
      return Prisma.sql`(r.created_at, r.id) > (${at}, ${id})`;
    case 'updated':
      return Prisma.sql`(r.status_changed_at, r.id) < (${at}, ${id})`;
  }
}

function unreadCount(userId: string | null): Prisma.Sql {
  if (!userId) return Prisma.sql`0`;

  return Prisma.sql`(SELECT count(*)::int FROM messages m
    WHERE m.practice_id = r.practice_id AND m.referral_id = r.id
      AND m.author_id IS DISTINCT FROM ${userId}::uuid
      AND NOT EXISTS (SELECT 1 FROM message_reads mr
        WHERE mr.practice_id = m.practice_id AND mr.message_id = m.id
          AND mr.reader_type = 'user' AND mr.reader_id = ${userId}::uuid))`;
}
