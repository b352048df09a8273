import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CANONICAL_LATERAL,
  CANONICAL_SELECT,
  CANONICAL_SQL,
  canonicalEvent,
  fieldsFromRow,
  hashEvent,
} from '@/lib/audit/canonical-event';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { verifyAuditChains, verifyPracticeChain } from '@/lib/audit/verify-chain';
import { withPractice } from '@/lib/db/with-practice';

import { createPractice } from '../helpers/factories';

import { connectAs, recordEvents, tamper, userContext } from './helpers';

let owner: pg.Client;

beforeAll(async () => {
  owner = await connectAs('owner');
});

afterAll(async () => {
  await owner.end();
});

async function practiceWithEvents(count: number): Promise<string> {
  const practice = await createPractice();
  await recordEvents(userContext(practice.id), count);

  return practice.id;
}

describe('audit chain verification', () => {
  it('passes every practice on untouched chains', async () => {
    const a = await practiceWithEvents(5);
    const b = await practiceWithEvents(3);
    const reports = await verifyAuditChains(owner);
    const byId = new Map(reports.map((r) => [r.practiceId, r]));
    expect(byId.get(a)).toMatchObject({ events: 5, lastSeq: '5', break: null });
    expect(byId.get(b)).toMatchObject({ events: 3, lastSeq: '3', break: null });
  });

  it('walks a chain longer than one batch', async () => {
    const a = await practiceWithEvents(7);
    expect(await verifyPracticeChain(owner, a, 2)).toMatchObject({ events: 7, break: null });
  });

  it('names the seq of a row altered by the database owner', async () => {
    const a = await practiceWithEvents(5);
    await tamper(
      ["UPDATE audit_events SET action = 'test.forged' WHERE practice_id = $1 AND seq = 3"],
      [a],
    );
    expect((await verifyPracticeChain(owner, a)).break).toMatchObject({
      seq: '3',
      kind: 'altered',
    });
  });

  it('names the seq of a row that was removed', async () => {
    const a = await practiceWithEvents(5);
    await tamper(['DELETE FROM audit_events WHERE practice_id = $1 AND seq = 2'], [a]);
    expect((await verifyPracticeChain(owner, a)).break).toMatchObject({
      seq: '2',
      kind: 'missing',
    });
  });

  it('notices the newest events removed, through the chain head', async () => {
    const a = await practiceWithEvents(4);
    await tamper(['DELETE FROM audit_events WHERE practice_id = $1 AND seq >= 3'], [a]);
    expect((await verifyPracticeChain(owner, a)).break).toMatchObject({
      seq: '3',
      kind: 'missing',
    });
  });

  it('names the first seq of two rows swapped', async () => {
    const a = await practiceWithEvents(5);
    // The primary key is not deferrable, so the swap goes through a free seq.
    await tamper(
      [
        'UPDATE audit_events SET seq = -2 WHERE practice_id = $1 AND seq = 2',
        'UPDATE audit_events SET seq = 2 WHERE practice_id = $1 AND seq = 4',
        'UPDATE audit_events SET seq = 4 WHERE practice_id = $1 AND seq = -2',
      ],
      [a],
    );
    expect((await verifyPracticeChain(owner, a)).break).toMatchObject({
      seq: '2',
      kind: 'altered',
    });
  });

  it('catches a row altered and rehashed, at the link to the next event', async () => {
    const a = await practiceWithEvents(4);
    await tamper(
      [
        "UPDATE audit_events SET action = 'test.forged' WHERE practice_id = $1 AND seq = 2",
        `UPDATE audit_events e SET hash = sha256(convert_to(audit_event_canonical(e), 'UTF8'))
          WHERE practice_id = $1 AND seq = 2`,
      ],
      [a],
    );
    expect((await verifyPracticeChain(owner, a)).break).toMatchObject({
      seq: '3',
      kind: 'broken_link',
    });
  });
});

describe('the canonical form', () => {
  it('is built byte for byte alike by the trigger, by verify’s SQL and in Node', async () => {
    const practice = await createPractice();
    const ctx = userContext(practice.id);
    ctx.actor.label = 'Dr Zoë Ó Briain 🐾';
    ctx.request.userAgent = null;
    await withPractice(practice.id, (db) =>
      recordAuditEvent(db, ctx, {
        action: 'test.unicode',
        entityType: 'test',
        changes: { note: { from: 'naïve', to: 'ünïcödé ✓' } },
        metadata: { a: [1, 2.5, true, null], ключ: 'значение' },
      }),
    );
    await recordEvents(ctx, 1);

    await owner.query('BEGIN');
    try {
      await owner.query("SELECT set_config('app.practice_id', $1, true)", [practice.id]);
      const { rows } = await owner.query<(string | null)[]>({
        text: `SELECT ${CANONICAL_SELECT}, audit_event_canonical(e), ${CANONICAL_SQL},
                 encode(e.hash, 'hex')
                 FROM audit_events e, ${CANONICAL_LATERAL} ORDER BY e.seq`,
        rowMode: 'array',
      });
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        const fields = fieldsFromRow(row);
        const [stored, inline, hash] = row.slice(-3);
        expect(canonicalEvent(fields)).toBe(stored);
        expect(inline).toBe(stored);
        expect(hashEvent(fields)).toBe(hash);
      }
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});
