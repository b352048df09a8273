import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_ROLE } from '@/lib/db/bootstrap';

import { SUPERUSER_URL } from '../helpers/postgres';

// The catalog is the contract: these tests fail the moment a migration forgets a
// protection, so a missing policy can never ship quietly.
const APP_SCHEMAS = ['public', 'auth'];
let db: pg.Client;

async function rows<T extends pg.QueryResultRow>(
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  return (await db.query<T>(sql, values)).rows;
}

beforeAll(async () => {
  const url = new URL(SUPERUSER_URL);
  url.pathname = new URL(process.env.DATABASE_URL!).pathname;
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
});

afterAll(async () => {
  await db.end();
});

describe('database catalog', () => {
  it('enables and forces row-level security on every table of the app schemas', async () => {
    const unguarded = await rows<{ table: string }>(
      `SELECT n.nspname || '.' || c.relname AS table FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
          AND NOT (c.relrowsecurity AND c.relforcerowsecurity)`,
      [APP_SCHEMAS],
    );
    expect(unguarded).toEqual([]);
  });

  it('has a policy for each of select, insert, update and delete on every table', async () => {
    const missing = await rows<{ table: string; cmd: string }>(
      `SELECT n.nspname || '.' || c.relname AS table, cmd.cmd FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN (VALUES ('r'), ('a'), ('w'), ('d')) AS cmd (cmd)
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                            AND p.polcmd IN (cmd.cmd, '*'))`,
      [APP_SCHEMAS],
    );
    expect(missing).toEqual([]);
  });

  it("scopes every tenant table's public policies to the current practice", async () => {
    const loose = await rows<{ policy: string }>(
      `SELECT p.polname AS policy FROM pg_policy p
         JOIN pg_class c ON c.oid = p.polrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND p.polroles = '{0}'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                        AND a.attname = 'practice_id' AND NOT a.attisdropped)
          AND NOT (coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' ||
                   coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''))
                  ~ 'practice_id = app_current_practice_id\\(\\)'`,
    );
    expect(loose).toEqual([]);
  });

  it('keeps practice_id non-null, first in the primary key and in every foreign key between tenant tables', async () => {
    const problems = await rows<{ problem: string }>(
      `WITH tenant AS (
         SELECT c.oid, c.relname FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'practice_id'
          WHERE n.nspname = 'public' AND c.relkind = 'r')
       SELECT t.relname || ': practice_id nullable' AS problem FROM tenant t
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = 'practice_id'
        WHERE NOT a.attnotnull
       UNION ALL
       SELECT t.relname || ': primary key does not start with practice_id' FROM tenant t
         JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'p'
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1]
        WHERE a.attname <> 'practice_id'
       UNION ALL
       SELECT t.relname || ': foreign key ' || f.conname || ' omits practice_id' FROM tenant t
         JOIN pg_constraint f ON f.conrelid = t.oid AND f.contype = 'f'
         JOIN tenant parent ON parent.oid = f.confrelid
        WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid
                            AND a.attnum = ANY (f.conkey) AND a.attname = 'practice_id')`,
    );
    expect(problems).toEqual([]);
  });

  it('gives the app role no superuser, no RLS bypass, no ownership and no inherited roles', async () => {
    const [role] = await rows<{
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
      rolcreatedb: boolean;
    }>(
      'SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
    const owned = await rows<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relowner = $1::regrole
       UNION ALL SELECT nspname FROM pg_namespace WHERE nspowner = $1::regrole
       UNION ALL SELECT proname FROM pg_proc WHERE proowner = $1::regrole`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
    const memberOf = await rows<{ role: string }>(
      `SELECT r.rolname AS role FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
        WHERE m.member = $1::regrole`,
      [APP_ROLE],
    );
    expect(memberOf).toEqual([]);
  });

  it('lets the app role change rows but never truncate, reference or alter a table, or create objects', async () => {
    const granted = await rows<{ grant: string }>(
      `SELECT table_schema || '.' || table_name || ':' || privilege_type AS grant
         FROM information_schema.role_table_grants
        WHERE grantee = $1 AND privilege_type NOT IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE')`,
      [APP_ROLE],
    );
    expect(granted).toEqual([]);
    const create = await rows<{ schema: string }>(
      `SELECT nspname AS schema FROM pg_namespace
        WHERE has_schema_privilege($1, oid, 'CREATE') AND nspname NOT LIKE 'pg_%'`,
      [APP_ROLE],
    );
    expect(create).toEqual([]);
  });

  it('has statement and idle-in-transaction timeouts on the app role', async () => {
    const [settings] = await rows<{ config: string[] }>(
      `SELECT array_agg(s) AS config FROM pg_db_role_setting d, unnest(d.setconfig) s
        WHERE d.setrole = $1::regrole`,
      [APP_ROLE],
    );
    expect(settings!.config).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^statement_timeout=/),
        expect.stringMatching(/^idle_in_transaction_session_timeout=/),
      ]),
    );
  });

  it('makes every view security_invoker, so views obey the caller’s policies', async () => {
    const definerViews = await rows<{ view: string }>(
      `SELECT n.nspname || '.' || c.relname AS view FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'v' AND n.nspname = ANY($1)
          AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)`,
      [APP_SCHEMAS],
    );
    expect(definerViews).toEqual([]);
  });

  it('pins search_path on every SECURITY DEFINER function', async () => {
    const unpinned = await rows<{ fn: string }>(
      `SELECT n.nspname || '.' || p.proname AS fn FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prosecdef AND n.nspname = ANY($1)
          AND NOT coalesce(p.proconfig::text LIKE '%search_path=%', false)`,
      [APP_SCHEMAS],
    );
    expect(unpinned).toEqual([]);
  });
});
