import { randomUUID } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';

import { SUPERUSER_URL } from '../helpers/postgres';
import { TENANT_FIXTURES, seedTenantRows, type FixtureIds } from '../helpers/tenant-fixtures';

// One connection, so every test also proves that a connection which served one
// practice carries nothing into the next transaction.
process.env.DATABASE_POOL_MAX = '1';

const A = randomUUID();
const B = randomUUID();
let app: pg.Client;
let superuser: pg.Client;
let rowsOfA: FixtureIds;
let rowsOfB: FixtureIds;

async function tenantTables(): Promise<string[]> {
  const result = await superuser.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'practice_id'
        AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );

  return result.rows.map((r) => r.table_name);
}

/** Runs fn as the app role in a transaction with `practiceId` set (or none), then rolls back. */
async function asPractice<T>(practiceId: string | null, fn: () => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    if (practiceId) await app.query("SELECT set_config('app.practice_id', $1, true)", [practiceId]);

    return await fn();
  } finally {
    await app.query('ROLLBACK');
  }
}

async function countAll(table: string, practiceId: string): Promise<number> {
  const result = await superuser.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${pg.escapeIdentifier(table)} WHERE practice_id = $1`,
    [practiceId],
  );

  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  superuser = new pg.Client({
    connectionString: new URL(
      new URL(process.env.DATABASE_URL!).pathname,
      SUPERUSER_URL.replace(/\/[^/]*$/, '/'),
    ).toString(),
  });
  await Promise.all([app.connect(), superuser.connect()]);
  for (const id of [A, B]) {
    await withPractice(id, (db) =>
      db.practice.create({ data: { id, name: 'P', slug: `p-${id.slice(0, 8)}` } }),
    );
  }
  rowsOfA = await seedTenantRows(app, A);
  rowsOfB = await seedTenantRows(app, B);
});

afterAll(async () => {
  await Promise.all([app.end(), superuser.end()]);
});

describe('practice isolation in Postgres', () => {
  it('has a fixture for every tenant table, so no table escapes these checks', async () => {
    expect(TENANT_FIXTURES.map(([t]) => t).sort()).toEqual(await tenantTables());
  });

  it.each(TENANT_FIXTURES.map(([t]) => t))(
    "%s: practice A's context neither reads nor counts practice B's rows",
    async (table) => {
      expect(await countAll(table, B)).toBeGreaterThan(0);
      const seen = await asPractice(A, () =>
        app.query<{ practice_id: string }>(`SELECT practice_id FROM ${pg.escapeIdentifier(table)}`),
      );
      expect(seen.rows.length).toBeGreaterThan(0);
      expect(seen.rows.every((r) => r.practice_id === A)).toBe(true);
      const counted = await asPractice(A, () =>
        app.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${pg.escapeIdentifier(table)} WHERE practice_id = $1`,
          [B],
        ),
      );
      expect(Number(counted.rows[0]!.n)).toBe(0);
    },
  );

  it.each(TENANT_FIXTURES.map(([t]) => t))(
    "%s: practice A's context updates and deletes none of practice B's rows",
    async (table) => {
      const before = await countAll(table, B);
      const name = pg.escapeIdentifier(table);
      await asPractice(A, async () => {
        // Append-only tables refuse UPDATE/DELETE outright (42501); the rest match no rows.
        for (const sql of [
          `UPDATE ${name} SET practice_id = practice_id WHERE practice_id = $1`,
          `DELETE FROM ${name} WHERE practice_id = $1`,
        ]) {
          await app.query('SAVEPOINT s');
          const outcome = await app
            .query(sql, [B])
            .then((r) => ({ rowCount: r.rowCount, code: 'ok' }))
            .catch((e: { code?: string }) => ({ rowCount: 0, code: e.code }));
          await app.query('ROLLBACK TO SAVEPOINT s');
          expect(outcome.code).toMatch(/^(ok|42501|P0001)$/);
          expect(outcome.rowCount).toBe(0);
        }
      });
      expect(await countAll(table, B)).toBe(before);
    },
  );

  it.each(TENANT_FIXTURES)(
    "%s: a row stamped with practice B's id cannot be inserted from practice A's context",
    async (table, fixture) => {
      await expect(asPractice(A, () => fixture(app, B, rowsOfB))).rejects.toMatchObject({
        code: expect.stringMatching(/^(42501|23503)$/),
      });
      expect(table).toBeTruthy();
    },
  );

  // Tables whose only parent is the practice itself have nothing to cross.
  const ROOTS = [
    'memberships',
    'referring_clinics',
    'audit_events',
    'audit_chain_heads',
    'email_outbox',
    'intake_links',
  ];

  it.each(TENANT_FIXTURES.filter(([t]) => !ROOTS.includes(t)))(
    '%s: a row of practice A cannot point at a parent in practice B',
    async (_table, fixture) => {
      // Every parent id is practice B's while the row itself claims practice A.
      const crossed = { ...rowsOfB };
      await expect(asPractice(A, () => fixture(app, A, crossed))).rejects.toMatchObject({
        code: '23503',
      });
    },
  );

  it.each(TENANT_FIXTURES)(
    '%s: with no practice set, nothing is seen and nothing written',
    async (table, fixture) => {
      const seen = await asPractice(null, () =>
        app.query(`SELECT 1 FROM ${pg.escapeIdentifier(table)}`),
      );
      expect(seen.rowCount).toBe(0);
      await expect(asPractice(null, () => fixture(app, A, rowsOfA))).rejects.toMatchObject({
        code: expect.stringMatching(/^(42501|23503)$/),
      });
    },
  );

  it('practices and users: A sees only its own practice and its own members', async () => {
    const practices = await asPractice(A, () =>
      app.query<{ id: string }>('SELECT id FROM practices'),
    );
    expect(practices.rows).toEqual([{ id: A }]);
    const users = await asPractice(A, () => app.query<{ id: string }>('SELECT id FROM users'));
    expect(users.rows).toEqual([{ id: rowsOfA.memberships }]);
  });

  it('withPractice on a reused pooled connection starts with no practice set', async () => {
    const inA = await withPractice(A, (db) => db.referral.count());
    const inB = await withPractice(B, (db) => db.referral.count());
    expect([inA, inB]).toEqual([await countAll('referrals', A), await countAll('referrals', B)]);
    const leftover = await withPractice(A, async (db) => {
      const rows = await db.$queryRaw<{ other: bigint }[]>`
        SELECT count(*) AS other FROM referrals WHERE practice_id = ${B}::uuid`;

      return Number(rows[0]!.other);
    });
    expect(leftover).toBe(0);
  });

  it('withPractice refuses a nested call for another practice', async () => {
    await expect(
      withPractice(A, () => withPractice(B, (db) => db.referral.count())),
    ).rejects.toThrow(/different practice/);
  });
});
