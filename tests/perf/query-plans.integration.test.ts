import { randomUUID } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listEntityEvents } from '@/lib/audit/list-entity-events';
import { listEvents } from '@/lib/audit/list-events';
import { getDashboardSummary } from '@/lib/dashboard/get-dashboard-summary';
import { getTurnaround } from '@/lib/dashboard/get-turnaround';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { listDocuments } from '@/lib/documents/list-documents';
import { listThread } from '@/lib/messages/list-thread';
import { findReferralOrThrow } from '@/lib/referrals/find-referral';
import { getReferral } from '@/lib/referrals/get-referral';
import { listReferralTimeline } from '@/lib/referrals/list-referral-timeline';
import { listReferrals } from '@/lib/referrals/list-referrals';
import type { ListReferralsInput } from '@/lib/referrals/list-referrals.schema';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { seedAuditEvents } from '../../bench/seed/audit-seed';
import { analyzeAll, seedPractice, type SeededPractice } from '../../bench/seed/bulk-seed';
import { SUPERUSER_URL } from '../helpers/postgres';

// Five practices of 4,000 referrals: big enough that a sequential scan of a tenant table
// is a real choice of the planner, not a shortcut over a page or two.
const PRACTICES = 5;
const REFERRALS = 4_000;
const AUDIT_EVENTS = 4_000;
// Below this many rows a sequential scan is the right plan, whatever the indexes.
const SMALL_TABLE_ROWS = 2_000;

interface Captured {
  text: string;
  values: unknown[];
}

const capture: { on: boolean; queries: Captured[] } = { on: false, queries: [] };
const originalQuery = pg.Client.prototype.query;
const explain = (client: pg.Client, text: string, values: unknown[]) =>
  (originalQuery as (t: string, v: unknown[]) => Promise<pg.QueryResult>).call(
    client,
    text,
    values,
  );

function recordQueries(): void {
  // The adapter sends every statement through Client#query as a config object or text.
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (capture.on) {
      const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
      const values = Array.isArray(second)
        ? second
        : ((first as { values?: unknown[] })?.values ?? []);
      if (text) capture.queries.push({ text, values });
    }

    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}

function databaseUrl(role: 'superuser' | 'app'): string {
  const app = new URL(process.env.DATABASE_URL!);
  if (role === 'app') return app.toString();
  const su = new URL(SUPERUSER_URL);
  su.pathname = app.pathname;

  return su.toString();
}

let practice: SeededPractice;
let ctx: WorkflowContext;
let referralId: string;
let clinicId: string;
let largeTables: Set<string>;

async function seed(): Promise<void> {
  const su = new pg.Client({ connectionString: databaseUrl('superuser') });
  await su.connect();
  try {
    const seeded: SeededPractice[] = [];
    for (let i = 0; i < PRACTICES; i += 1) {
      const p = await seedPractice(su, { label: `plan${i}`, referrals: REFERRALS, clinics: 40 });
      const refs = await su.query<{ id: string }>(
        'SELECT id FROM referrals WHERE practice_id = $1 LIMIT 500',
        [p.practiceId],
      );
      await seedAuditEvents(su, {
        practiceId: p.practiceId,
        count: AUDIT_EVENTS,
        referralIds: refs.rows.map((r) => r.id),
        actorIds: p.staffUserIds,
      });
      seeded.push(p);
    }
    await analyzeAll(su);
    practice = seeded[2]!;
    const pick = await su.query<{ id: string; clinic: string }>(
      `SELECT r.id, r.referring_clinic_id AS clinic FROM referrals r
        WHERE practice_id = $1 AND EXISTS (SELECT 1 FROM documents d
          WHERE d.practice_id = r.practice_id AND d.referral_id = r.id) LIMIT 1`,
      [practice.practiceId],
    );
    referralId = pick.rows[0]!.id;
    clinicId = pick.rows[0]!.clinic;
    const sizes = await su.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= $1
         AND relnamespace = 'public'::regnamespace`,
      [SMALL_TABLE_ROWS],
    );
    largeTables = new Set(sizes.rows.map((r) => r.relname));
  } finally {
    await su.end();
  }
}

/** Runs `fn` in the practice and returns the statements it sent, minus transaction control. */
async function statementsOf(fn: (db: PracticeDb) => Promise<unknown>): Promise<Captured[]> {
  capture.queries = [];
  capture.on = true;
  try {
    await withPractice(practice.practiceId, fn, { userId: practice.adminUserId });
  } finally {
    capture.on = false;
  }

  return capture.queries.filter(
    (q) => /^\s*(SELECT|WITH)\b/i.test(q.text) && !/set_config\('app\./.test(q.text),
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, found);

  return found;
}

/** EXPLAIN each statement as the app role, in the same practice, with the same values. */
async function largeSeqScans(statements: Captured[], indexesOff = false): Promise<string[]> {
  const app = new pg.Client({ connectionString: databaseUrl('app') });
  await app.connect();
  try {
    await app.query('BEGIN');
    await app.query(
      `SELECT set_config('app.practice_id', $1, true), set_config('app.user_id', $2, true)`,
      [practice.practiceId, practice.adminUserId],
    );
    if (indexesOff) {
      await app.query('SET LOCAL enable_indexscan = off');
      await app.query('SET LOCAL enable_indexonlyscan = off');
      await app.query('SET LOCAL enable_bitmapscan = off');
    }
    const problems: string[] = [];
    for (const s of statements) {
      const { rows } = await explain(app, `EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
      const plan = (rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0]!.Plan;
      for (const table of seqScans(plan).filter((t) => largeTables.has(t))) {
        problems.push(
          `Seq Scan on ${table} in: ${s.text.replace(/\s+/g, ' ').trim().slice(0, 300)}`,
        );
      }
    }
    await app.query('ROLLBACK');

    return problems;
  } finally {
    await app.end();
  }
}

beforeAll(async () => {
  await seed();
  recordQueries();
  ctx = {
    practiceId: practice.practiceId,
    actor: { type: 'user', userId: practice.adminUserId, sessionId: randomUUID(), label: 'admin' },
    request: { requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'vitest' },
    role: 'admin',
    userName: 'Bench admin',
  };
}, 120_000);

afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

const listCases: Array<[string, () => ListReferralsInput]> = [
  ['the default inbox (priority order)', () => ({})],
  ['a status filter', () => ({ status: 'received' })],
  ['several statuses', () => ({ status: ['received', 'needs_info', 'accepted'] })],
  ['urgency', () => ({ urgency: 'emergency' })],
  ['service', () => ({ service: 'cardiology' })],
  ['an assignee', () => ({ assignee: practice.staffUserIds[1] })],
  ['unassigned', () => ({ assignee: 'none' })],
  ['a referring clinic', () => ({ clinic: clinicId })],
  ['a date range', () => ({ from: '2026-01-01', to: '2026-02-01' })],
  ['a search term', () => ({ q: 'Biscuit 12' })],
  ['newest first', () => ({ sort: 'newest' })],
  ['oldest first', () => ({ sort: 'oldest' })],
  ['recently updated', () => ({ sort: 'updated', status: 'closed' })],
];

describe('every list, search and filter query uses an index on tenant tables', () => {
  it('reports the sequential scans a plan would make without its indexes', async () => {
    const statements = await statementsOf((db) => listReferrals(db, ctx, { status: 'received' }));

    expect(await largeSeqScans(statements, true)).toContainEqual(
      expect.stringMatching(/^Seq Scan on referrals in: SELECT r\.id, r\.reference/),
    );
  });

  it.each(listCases)('the referral list with %s, first and second page', async (_, input) => {
    const first = await withPractice(practice.practiceId, (db) => listReferrals(db, ctx, input()));
    const statements = [
      ...(await statementsOf((db) => listReferrals(db, ctx, input()))),
      ...(first.nextCursor
        ? await statementsOf((db) =>
            listReferrals(db, ctx, { ...input(), cursor: first.nextCursor! }),
          )
        : []),
    ];

    expect(statements.length).toBeGreaterThan(0);
    expect(await largeSeqScans(statements)).toEqual([]);
  });

  const auditCases: Array<[string, () => Record<string, string>]> = [
    ['no filter', () => ({})],
    ['an actor', () => ({ actor: practice.staffUserIds[2]! })],
    ['an action', () => ({ action: 'referral.status_changed' })],
    ['an entity', () => ({ entityType: 'referral', entityId: referralId })],
    ['a date range', () => ({ from: '2025-06-01', to: '2025-06-30' })],
    ['a cursor', () => ({ cursor: '2000' })],
  ];

  it.each(auditCases)('the audit log with %s', async (_, input) => {
    const statements = await statementsOf((db) =>
      listEvents(db, { practiceId: practice.practiceId, role: 'admin' }, input()),
    );

    expect(statements.length).toBeGreaterThan(0);
    expect(await largeSeqScans(statements)).toEqual([]);
  });

  it.each([
    ['the dashboard summary', (db: PracticeDb) => getDashboardSummary(db, ctx)],
    ['turnaround by clinic', (db: PracticeDb) => getTurnaround(db, ctx)],
    ['a referral page', (db: PracticeDb) => getReferral(db, ctx, referralId)],
    ['a referral timeline', (db: PracticeDb) => listReferralTimeline(db, ctx, referralId)],
    ['a message thread', (db: PracticeDb) => listThread(db, ctx, referralId)],
    ['a documents list', (db: PracticeDb) => listDocuments(db, ctx, { referralId })],
    [
      "an entity's audit trail",
      (db: PracticeDb) =>
        listEntityEvents(db, practice.practiceId, { entityType: 'referral', entityId: referralId }),
    ],
  ])('%s', async (_, op) => {
    const statements = await statementsOf(op);

    expect(statements.length).toBeGreaterThan(0);
    expect(await largeSeqScans(statements)).toEqual([]);
  });
});

describe('round trips', () => {
  it('loads a referral with its vet and clinic in one statement (docs/decisions/0009)', async () => {
    const statements = await statementsOf((db) => findReferralOrThrow(db, ctx, referralId));

    expect(statements).toHaveLength(1);
  });

  it('counts the inbox by status without joining the vets unless searching', async () => {
    const statements = await statementsOf((db) => listReferrals(db, ctx, {}));
    const counts = statements.find((s) => /GROUP BY r\.status/.test(s.text));

    expect(counts?.text).not.toMatch(/referring_vets/);
  });
});
