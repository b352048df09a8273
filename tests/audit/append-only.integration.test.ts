import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';

import { createPractice } from '../helpers/factories';

import { connectAs, userContext } from './helpers';

let superuser: pg.Client;
let owner: pg.Client;
let app: pg.Client;
let practiceId: string;

beforeAll(async () => {
  [superuser, owner, app] = await Promise.all([
    connectAs('superuser'),
    connectAs('owner'),
    connectAs('app'),
  ]);
  practiceId = (await createPractice()).id;
  await withPractice(practiceId, (db) =>
    recordAuditEvent(db, userContext(practiceId), { action: 'test.recorded', entityType: 'test' }),
  );
});

afterAll(async () => {
  await Promise.all([superuser.end(), owner.end(), app.end()]);
});

/** Runs sql in a rolled-back transaction with the practice set; resolves to the error code. */
async function errorCodeOf(client: pg.Client, sql: string): Promise<string | undefined> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.practice_id', $1, true)", [practiceId]);
    await client.query(sql);

    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('audit trail protections in the catalog', () => {
  it('has its guard and chain triggers, enabled, on exactly these events', async () => {
    const { rows } = await superuser.query<{ trigger: string; table: string; spec: string }>(
      `SELECT t.tgname AS trigger, c.relname AS table,
              concat_ws(' ', CASE WHEN t.tgtype & 2 = 2 THEN 'before' ELSE 'after' END,
                CASE WHEN t.tgtype & 1 = 1 THEN 'row' ELSE 'statement' END,
                CASE WHEN t.tgtype & 4 = 4 THEN 'insert' END,
                CASE WHEN t.tgtype & 16 = 16 THEN 'update' END,
                CASE WHEN t.tgtype & 8 = 8 THEN 'delete' END,
                CASE WHEN t.tgtype & 32 = 32 THEN 'truncate' END,
                t.tgenabled, p.proname) AS spec
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE c.relname IN ('audit_events', 'audit_chain_heads') AND NOT t.tgisinternal
        ORDER BY 1`,
    );
    expect(rows).toEqual([
      {
        trigger: 'audit_chain_heads_guard',
        table: 'audit_chain_heads',
        spec: 'before row update delete O audit_chain_heads_guard',
      },
      {
        trigger: 'audit_chain_heads_no_truncate',
        table: 'audit_chain_heads',
        spec: 'before statement truncate O audit_chain_heads_guard',
      },
      {
        trigger: 'audit_events_append_only',
        table: 'audit_events',
        spec: 'before row update delete O audit_refuse_change',
      },
      {
        trigger: 'audit_events_chain',
        table: 'audit_events',
        spec: 'before row insert O audit_events_chain',
      },
      {
        trigger: 'audit_events_no_truncate',
        table: 'audit_events',
        spec: 'before statement truncate O audit_refuse_change',
      },
    ]);
  });

  it('grants the app role only SELECT and INSERT on events and only SELECT on chain heads', async () => {
    const { rows } = await superuser.query<{ grant: string }>(
      `SELECT table_name || ':' || privilege_type AS grant FROM information_schema.role_table_grants
        WHERE grantee = 'vetloop_app' AND table_name IN ('audit_events', 'audit_chain_heads')
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.grant)).toEqual([
      'audit_chain_heads:SELECT',
      'audit_events:INSERT',
      'audit_events:SELECT',
    ]);
  });

  it('keeps the practice list for verify away from the app role', async () => {
    const { rows } = await superuser.query<{ app: boolean; owner: boolean }>(
      `SELECT has_function_privilege('vetloop_app', 'auth.audit_practice_ids()', 'EXECUTE') AS app,
              has_function_privilege('vetloop_owner', 'auth.audit_practice_ids()', 'EXECUTE') AS owner`,
    );
    expect(rows[0]).toEqual({ app: false, owner: true });
  });
});

describe('audit trail is append-only', () => {
  it.each([
    ['UPDATE', "UPDATE audit_events SET action = 'test.forged'"],
    ['DELETE', 'DELETE FROM audit_events'],
    ['TRUNCATE', 'TRUNCATE audit_events'],
  ])('the app role cannot %s audit events', async (_op, sql) => {
    expect(await errorCodeOf(app, sql)).toBe('42501');
  });

  it.each([
    ['UPDATE', "UPDATE audit_events SET action = 'test.forged'"],
    ['DELETE', 'DELETE FROM audit_events'],
    ['TRUNCATE', 'TRUNCATE audit_events'],
    ['move the chain head of', 'UPDATE audit_chain_heads SET last_seq = 0'],
    ['delete the chain head of', 'DELETE FROM audit_chain_heads'],
  ])('the owner cannot %s audit events either', async (_op, sql) => {
    expect(await errorCodeOf(owner, sql)).toBe('42501');
  });

  it('overwrites whatever seq, time and hashes an inserter sends', async () => {
    await app.query('BEGIN');
    try {
      await app.query("SELECT set_config('app.practice_id', $1, true)", [practiceId]);
      const { rows } = await app.query<{ seq: string; old: boolean; forged: boolean }>(
        `INSERT INTO audit_events (practice_id, seq, actor_type, action, entity_type, created_at,
           prev_hash, hash)
         VALUES ($1, 999, 'system', 'test.forged', 'test', '2000-01-01', '\\x00', '\\x00')
         RETURNING seq::text, created_at < '2001-01-01' AS old,
           hash = '\\x00' OR prev_hash = '\\x00' AS forged`,
        [practiceId],
      );
      expect(rows[0]).toEqual({ seq: '2', old: false, forged: false });
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it("shows a practice only its own chain head, and lets no practice write another's", async () => {
    const other = (await createPractice()).id;
    await withPractice(other, (db) =>
      recordAuditEvent(db, userContext(other), { action: 'test.recorded', entityType: 'test' }),
    );
    await app.query('BEGIN');
    try {
      await app.query("SELECT set_config('app.practice_id', $1, true)", [practiceId]);
      const { rows } = await app.query<{ practice_id: string }>(
        'SELECT practice_id FROM audit_chain_heads',
      );
      expect(rows).toEqual([{ practice_id: practiceId }]);
      await app.query('SAVEPOINT s');
      const stamped = await app
        .query(
          `INSERT INTO audit_events (practice_id, seq, actor_type, action, entity_type)
           VALUES ($1, 0, 'system', 'test.forged', 'test')`,
          [other],
        )
        .catch((e: { code?: string }) => e.code);
      expect(stamped).toBe('42501');
    } finally {
      await app.query('ROLLBACK');
    }
  });
});
