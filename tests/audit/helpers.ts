import { randomUUID } from 'node:crypto';

import pg from 'pg';

import type { PracticeContext } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';

import { SUPERUSER_URL } from '../helpers/postgres';

/** A staff user's context in `practiceId`, as requireStaff/apiRoute would build it. */
export function userContext(practiceId: string, userId = randomUUID()): PracticeContext {
  return {
    practiceId,
    actor: { type: 'user', userId, sessionId: randomUUID(), label: 'Dr Test' },
    request: { requestId: `req-${randomUUID()}`, ip: '203.0.113.7', userAgent: 'vitest' },
  };
}

export async function recordEvents(ctx: PracticeContext, count: number, action = 'test.recorded') {
  for (let i = 0; i < count; i += 1) {
    await withPractice(ctx.practiceId, (db) =>
      recordAuditEvent(db, ctx, {
        action,
        entityType: 'test',
        entityId: String(i),
        changes: { n: { from: i, to: i + 1 } },
      }),
    );
  }
}

/** The per-file test database as `role` (superuser by default). */
export async function connectAs(role: 'superuser' | 'owner' | 'app'): Promise<pg.Client> {
  const database = new URL(process.env.DATABASE_URL!).pathname;
  const url =
    role === 'owner'
      ? process.env.MIGRATION_DATABASE_URL!
      : role === 'app'
        ? process.env.DATABASE_URL!
        : new URL(database, SUPERUSER_URL.replace(/\/[^/]*$/, '/')).toString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  return client;
}

/**
 * Runs `sql` as the superuser with the append-only triggers disabled, in one
 * transaction: the way an attacker holding the database would tamper with the trail.
 */
export async function tamper(statements: string[], values: unknown[] = []) {
  const su = await connectAs('superuser');
  try {
    await su.query('BEGIN');
    await su.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    for (const sql of statements) await su.query(sql, values);
    await su.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    await su.query('COMMIT');
  } catch (error) {
    await su.query('ROLLBACK');
    throw error;
  } finally {
    await su.end();
  }
}
