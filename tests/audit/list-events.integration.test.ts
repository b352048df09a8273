import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { PracticeContext } from '@/lib/auth/actor';
import { ROLES, can, type Role } from '@/lib/auth/permissions';
import { exportEvents } from '@/lib/audit/export-events';
import { listEntityEvents } from '@/lib/audit/list-entity-events';
import { listEvents } from '@/lib/audit/list-events';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { viewAuditLog } from '@/lib/audit/view-audit-log';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { createPractice } from '../helpers/factories';

import { userContext } from './helpers';

type Reader = PracticeContext & { role: Role };

function reader(practiceId: string, role: Role = 'admin', userId = randomUUID()): Reader {
  return { ...userContext(practiceId, userId), role };
}

async function record(
  ctx: PracticeContext,
  action: string,
  entityId: string,
  entityType = 'referral',
) {
  await withPractice(ctx.practiceId, (db) =>
    recordAuditEvent(db, ctx, { action, entityType, entityId }),
  );
}

async function seedPractice() {
  const practice = await createPractice();
  const alice = reader(practice.id);
  const bob = reader(practice.id, 'clinician');
  await record(alice, 'referral.created', 'r1');
  await record(bob, 'referral.updated', 'r1');
  await record(alice, 'referral.created', 'r2');
  await record(bob, 'document.downloaded', 'd1', 'document');
  await record(alice, 'referral.status_changed', 'r1');

  return { practice, alice, bob };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('listEvents', () => {
  it('lists the trail newest first with cursor pages that neither skip nor repeat', async () => {
    const { practice, alice } = await seedPractice();
    const seqs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await withPractice(practice.id, (db) =>
        listEvents(db, alice, { limit: '2', ...(cursor ? { cursor } : {}) }),
      );
      seqs.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seqs).toEqual(['5', '4', '3', '2', '1']);
  });

  it('filters by actor, action, entity and date range, and treats empty fields as no filter', async () => {
    const { practice, alice, bob } = await seedPractice();
    const list = (input: Record<string, string>) =>
      withPractice(practice.id, (db) => listEvents(db, alice, input)).then((p) =>
        p.items.map((e) => e.seq),
      );
    const bobId = (bob.actor as { userId: string }).userId;
    const today = new Date().toISOString().slice(0, 10);
    expect(await list({ actor: bobId })).toEqual(['4', '2']);
    expect(await list({ action: 'referral.created' })).toEqual(['3', '1']);
    expect(await list({ entityType: 'referral', entityId: 'r1' })).toEqual(['5', '2', '1']);
    expect(await list({ from: today, to: today, action: '' })).toHaveLength(5);
    expect(await list({ to: '2000-01-01' })).toEqual([]);
  });

  it('rejects malformed filters with validation_failed naming the field', async () => {
    const { practice, alice } = await seedPractice();
    await expect(
      withPractice(practice.id, (db) => listEvents(db, alice, { from: 'yesterday', bogus: '1' })),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it.each(ROLES)('lets %s read the trail only if the role may audit.read', async (role) => {
    const { practice } = await seedPractice();
    const result = withPractice(practice.id, (db) => listEvents(db, reader(practice.id, role), {}));
    if (can(role, 'audit.read')) {
      expect((await result).items).toHaveLength(5);
    } else {
      await expect(result).rejects.toEqual(new AppError('forbidden'));
    }
  });

  it("never lists another practice's events, even when asked by its entity", async () => {
    const a = await seedPractice();
    const b = await seedPractice();
    const page = await withPractice(a.practice.id, (db) =>
      listEvents(db, { ...a.alice, practiceId: b.practice.id }, {}),
    );
    expect(page.items).toEqual([]);
  });
});

describe('viewAuditLog', () => {
  it('records that the audit log was viewed, with who viewed it', async () => {
    const { practice, alice } = await seedPractice();
    await withPractice(practice.id, (db) => viewAuditLog(db, alice, {}));
    const page = await withPractice(practice.id, (db) => listEvents(db, alice, { limit: '1' }));
    expect(page.items[0]).toMatchObject({
      action: 'audit_log.viewed',
      actor: { id: (alice.actor as { userId: string }).userId },
    });
  });

  it('shows the retention setting, six years unless the practice set another', async () => {
    const { practice, alice } = await seedPractice();
    const view = () => withPractice(practice.id, (db) => viewAuditLog(db, alice, {}));
    expect((await view()).retentionYears).toBe(6);
    await withPractice(practice.id, (db) =>
      db.practice.update({
        where: { id: practice.id },
        data: { settings: { auditRetentionYears: 8 } },
      }),
    );
    expect((await view()).retentionYears).toBe(8);
  });
});

describe('listEntityEvents', () => {
  it("gives one entity's own trail, oldest first", async () => {
    const { practice } = await seedPractice();
    const events = await withPractice(practice.id, (db) =>
      listEntityEvents(db, practice.id, { entityType: 'referral', entityId: 'r1' }),
    );
    expect(events.map((e) => e.action)).toEqual([
      'referral.created',
      'referral.updated',
      'referral.status_changed',
    ]);
  });
});

describe('exportEvents', () => {
  it('streams a filtered range as CSV and records the export', async () => {
    const { practice, alice } = await seedPractice();
    const exported = await withPractice(practice.id, (db) =>
      exportEvents(db, alice, { action: 'referral.created', format: 'csv' }),
    );
    const lines = (await readAll(exported.body)).trim().split('\r\n');
    expect(lines[0]).toMatch(/^"seq","created_at","actor_type"/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['"1"', '"3"']);
    expect(exported.contentType).toBe('text/csv; charset=utf-8');

    const last = await withPractice(practice.id, (db) => listEvents(db, alice, { limit: '1' }));
    expect(last.items[0]).toMatchObject({
      action: 'audit_log.exported',
      metadata: { format: 'csv', filters: { action: 'referral.created' }, upToSeq: '5' },
    });
  });

  it('streams JSON across many batches, up to the chain head when the export began', async () => {
    const practice = await createPractice();
    const admin = reader(practice.id);
    await withPractice(
      practice.id,
      async (db) => {
        for (let i = 0; i < 2_100; i += 1) {
          await recordAuditEvent(db, admin, { action: 'test.bulk', entityType: 'test' });
        }
      },
      { timeout: 60_000 },
    );
    const exported = await withPractice(practice.id, (db) =>
      exportEvents(db, admin, { format: 'json' }),
    );
    await record(admin, 'test.after_export', 'x');
    const body = JSON.parse(await readAll(exported.body)) as { events: { seq: string }[] };
    expect(body.events).toHaveLength(2_100);
    expect(body.events.at(-1)!.seq).toBe('2100');
  });

  it('refuses roles without audit.export and writes no export event', async () => {
    const { practice, bob } = await seedPractice();
    await expect(
      withPractice(practice.id, (db) => exportEvents(db, { ...bob, role: 'clinician' }, {})),
    ).rejects.toEqual(new AppError('forbidden'));
    const { items } = await withPractice(practice.id, (db) =>
      listEvents(db, reader(practice.id), { action: 'audit_log.exported' }),
    );
    expect(items).toEqual([]);
  });
});
