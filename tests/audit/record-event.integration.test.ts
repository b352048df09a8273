import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { PracticeContext } from '@/lib/auth/actor';
import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { verifyPracticeChain } from '@/lib/audit/verify-chain';
import { withPractice } from '@/lib/db/with-practice';

import { createPractice, createReferral } from '../helpers/factories';

import { connectAs, userContext } from './helpers';

async function runWithConcurrency(
  total: number,
  limit: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function eventsOf(practiceId: string) {
  return withPractice(practiceId, (db) => db.auditEvent.findMany({ orderBy: { seq: 'asc' } }));
}

describe('recordAuditEvent', () => {
  it('stores actor, request, entity and field changes, with seq, time and hash from the database', async () => {
    const practice = await createPractice();
    const ctx = userContext(practice.id);
    const changes = diffFields(
      { status: 'submitted', passwordHash: 'x', ownerPhone: '1' },
      { status: 'received', passwordHash: 'y', ownerPhone: '2' },
      { sensitive: ['ownerPhone'] },
    );
    const before = new Date();
    await withPractice(practice.id, (db) =>
      recordAuditEvent(db, ctx, {
        action: 'referral.status_changed',
        entityType: 'referral',
        entityId: 'r-1',
        changes,
        metadata: { via: 'inbox', patientName: 'Biscuit', apiToken: 't' },
      }),
    );

    const [event] = await eventsOf(practice.id);
    const actor = ctx.actor as Extract<PracticeContext['actor'], { type: 'user' }>;
    expect(event).toMatchObject({
      seq: 1n,
      actorType: 'user',
      actorId: actor.userId,
      actorLabel: 'Dr Test',
      sessionId: actor.sessionId,
      action: 'referral.status_changed',
      entityType: 'referral',
      entityId: 'r-1',
      changes: {
        status: { from: 'submitted', to: 'received' },
        ownerPhone: { from: '[redacted]', to: '[redacted]' },
      },
      metadata: { via: 'inbox' },
      requestId: ctx.request.requestId,
      ip: '203.0.113.7',
      userAgent: 'vitest',
      prevHash: null,
    });
    expect(event!.hash).toHaveLength(32);
    expect(event!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5_000);
  });

  it('links each event to the one before it in the same practice', async () => {
    const practice = await createPractice();
    const ctx = userContext(practice.id);
    for (const action of ['test.one', 'test.two']) {
      await withPractice(practice.id, (db) =>
        recordAuditEvent(db, ctx, { action, entityType: 'test' }),
      );
    }
    const [first, second] = await eventsOf(practice.id);
    expect(second!.seq).toBe(2n);
    expect(Buffer.from(second!.prevHash!)).toEqual(Buffer.from(first!.hash!));
  });

  it('records system, API key and guest actors with their ids and no session', async () => {
    const practice = await createPractice();
    const keyId = randomUUID();
    const linkId = randomUUID();
    const request = { requestId: 'r', ip: null, userAgent: null };
    const actors: PracticeContext['actor'][] = [
      { type: 'system', label: 'Scheduler' },
      { type: 'api_key', apiKeyId: keyId, label: 'PMS sync' },
      { type: 'guest', linkId, label: 'Referring vet link' },
    ];
    for (const actor of actors) {
      await withPractice(practice.id, (db) =>
        recordAuditEvent(
          db,
          { practiceId: practice.id, actor, request },
          {
            action: 'test.acted',
            entityType: 'test',
          },
        ),
      );
    }
    const rows = await eventsOf(practice.id);
    expect(rows.map((e) => [e.actorType, e.actorId, e.sessionId])).toEqual([
      ['system', null, null],
      ['api_key', keyId, null],
      ['guest', linkId, null],
    ]);
  });

  it('drops an IP that Postgres would reject instead of failing the write', async () => {
    const practice = await createPractice();
    const ctx = userContext(practice.id);
    ctx.request.ip = 'not-an-ip';
    await withPractice(practice.id, (db) =>
      recordAuditEvent(db, ctx, { action: 'test.acted', entityType: 'test' }),
    );
    expect((await eventsOf(practice.id))[0]!.ip).toBeNull();
  });

  it('rejects an action that is not dotted lower snake, and writes nothing', async () => {
    const practice = await createPractice();
    await expect(
      withPractice(practice.id, (db) =>
        recordAuditEvent(db, userContext(practice.id), {
          action: 'Referral.Edit',
          entityType: 'x',
        }),
      ),
    ).rejects.toThrow(/dotted lower snake/);
    expect(await eventsOf(practice.id)).toEqual([]);
  });

  it('refuses a context of another practice than the transaction’s', async () => {
    const a = await createPractice();
    const b = await createPractice();
    await expect(
      withPractice(a.id, (db) =>
        recordAuditEvent(db, userContext(b.id), { action: 'test.acted', entityType: 'test' }),
      ),
    ).rejects.toThrow(/not the practice of this transaction/);
  });

  it('commits a change and its event together, or neither when the transaction fails', async () => {
    const practice = await createPractice();
    const referral = await createReferral(practice.id);
    const ctx = userContext(practice.id);
    const failing = withPractice(practice.id, async (db) => {
      await db.referral.update({
        where: { practiceId_id: { practiceId: practice.id, id: referral.id } },
        data: { status: 'received' },
      });
      await recordAuditEvent(db, ctx, {
        action: 'referral.status_changed',
        entityType: 'referral',
        entityId: referral.id,
        changes: diffFields({ status: 'submitted' }, { status: 'received' }),
      });
      throw new Error('failure after the change and its event');
    });
    await expect(failing).rejects.toThrow(/failure after/);

    const after = await withPractice(practice.id, (db) =>
      db.referral.findUniqueOrThrow({
        where: { practiceId_id: { practiceId: practice.id, id: referral.id } },
      }),
    );
    expect(after.status).toBe('submitted');
    expect(await eventsOf(practice.id)).toEqual([]);
    // The rolled-back event did not consume a seq: the next one is still 1.
    await withPractice(practice.id, (db) =>
      recordAuditEvent(db, ctx, { action: 'test.acted', entityType: 'test' }),
    );
    expect((await eventsOf(practice.id)).map((e) => e.seq)).toEqual([1n]);
  });

  it('keeps one gapless, valid chain per practice under 200 concurrent writers', async () => {
    const a = await createPractice();
    const b = await createPractice();
    // 200 writers, 30 in flight on a pool of 10 connections: more than the pool at all
    // times, yet never so many that one waits past withPractice's 5 s pool timeout.
    await runWithConcurrency(200, 30, (i) => {
      const practiceId = i % 2 === 0 ? a.id : b.id;

      return withPractice(practiceId, (db) =>
        recordAuditEvent(db, userContext(practiceId), {
          action: 'test.concurrent',
          entityType: 'test',
          entityId: String(i),
        }),
      );
    });

    const owner = await connectAs('owner');
    try {
      for (const practiceId of [a.id, b.id]) {
        const report = await verifyPracticeChain(owner, practiceId);
        expect(report).toMatchObject({ events: 100, lastSeq: '100', break: null });
      }
    } finally {
      await owner.end();
    }
  });

  it("never shows practice A another practice's events", async () => {
    const a = await createPractice();
    const b = await createPractice();
    await withPractice(b.id, (db) =>
      recordAuditEvent(db, userContext(b.id), { action: 'test.secret', entityType: 'test' }),
    );
    const seen = await withPractice(a.id, (db) =>
      db.auditEvent.findMany({ where: { practiceId: b.id } }),
    );
    expect(seen).toEqual([]);
    expect(await eventsOf(b.id)).toHaveLength(1);
  });
});
