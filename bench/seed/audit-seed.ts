/**
 * Audit events in bulk with valid hash chains. The chain trigger costs a row lock and a
 * head update per event, so millions of events through it take many minutes; instead the
 * chain is computed here with the same canonical form (lib/audit/canonical-event.ts) and
 * inserted with triggers off (session_replication_role = replica, superuser only). The
 * head row is written last, so the app's trigger continues each chain where this ends,
 * and `npm run audit:verify` checks the result end to end.
 */
import { randomUUID } from 'node:crypto';

import type pg from 'pg';

import { hashEvent, type CanonicalFields } from '@/lib/audit/canonical-event';

const CHUNK = 5_000;
const COLUMNS = [
  'practiceId',
  'seq',
  'id',
  'createdAt',
  'actorType',
  'actorId',
  'actorLabel',
  'sessionId',
  'action',
  'entityType',
  'entityId',
  'changes',
  'metadata',
  'requestId',
  'ip',
  'userAgent',
  'prevHash',
  'hash',
] as const;

const ACTIONS: Array<[action: string, entityType: string, changes: string | null]> = [
  ['referral.viewed', 'referral', null],
  ['referral.status_changed', 'referral', '{"status": {"from": "submitted", "to": "received"}}'],
  ['referral.status_changed', 'referral', '{"status": {"from": "received", "to": "accepted"}}'],
  ['referral.updated', 'referral', '{"ownerPhone": {"from": "+44 7700 900001", "to": null}}'],
  ['message.posted', 'referral', null],
  ['document.uploaded', 'referral', null],
  ['referral.assigned', 'referral', null],
  ['session.started', 'session', null],
];

export interface AuditSeed {
  practiceId: string;
  count: number;
  /** Entities (referral ids) the events are about. */
  referralIds: string[];
  actorIds: string[];
}

/** Text forms exactly as Postgres prints them, so Node hashes what SQL will re-hash. */
async function normalise(su: pg.Client) {
  const changes = ACTIONS.map(([, , c]) => c);
  const { rows } = await su.query<{ t: string | null }>(
    'SELECT t::jsonb::text AS t FROM unnest($1::text[]) WITH ORDINALITY u(t, i) ORDER BY i',
    [changes],
  );
  const ip = await su.query<{ ip: string }>(`SELECT '203.0.113.7'::inet::text AS ip`);

  return { changes: rows.map((r) => r.t), ip: ip.rows[0]!.ip };
}

/** Inserts `count` chained events for one practice, oldest over the last two years. */
export async function seedAuditEvents(su: pg.Client, seed: AuditSeed): Promise<void> {
  const forms = await normalise(su);
  await su.query(`SET session_replication_role = replica`);
  try {
    const span = 730 * 86_400_000;
    const start = Date.now() - span - 3_600_000;
    const step = Math.max(1, Math.floor(span / Math.max(seed.count, 1)));
    let prevHash: string | null = null;
    for (let first = 1; first <= seed.count; first += CHUNK) {
      const columns = COLUMNS.map(() => [] as (string | null)[]);
      const last = Math.min(first + CHUNK - 1, seed.count);
      for (let seq = first; seq <= last; seq += 1) {
        const event = eventAt(seed, forms, seq, start + seq * step, prevHash);
        const hash = hashEvent(event);
        const row: Record<(typeof COLUMNS)[number], string | null> = { ...event, hash };
        COLUMNS.forEach((key, i) => columns[i]!.push(row[key]));
        prevHash = hash;
      }
      await insertChunk(su, columns);
    }
    await su.query(
      `INSERT INTO audit_chain_heads (practice_id, last_seq, last_hash)
       VALUES ($1, $2, decode($3, 'hex'))`,
      [seed.practiceId, seed.count, prevHash],
    );
  } finally {
    await su.query(`SET session_replication_role = DEFAULT`);
  }
}

function eventAt(
  seed: AuditSeed,
  forms: { changes: (string | null)[]; ip: string },
  seq: number,
  at: number,
  prevHash: string | null,
): CanonicalFields {
  const kind = seq % ACTIONS.length;
  const [action, entityType] = ACTIONS[kind]!;
  const entityId =
    entityType === 'referral' ? seed.referralIds[seq % seed.referralIds.length]! : randomUUID();

  return {
    practiceId: seed.practiceId,
    seq: String(seq),
    id: randomUUID(),
    createdAt: new Date(at).toISOString().replace('Z', '000Z'),
    actorType: 'user',
    actorId: seed.actorIds[seq % seed.actorIds.length]!,
    actorLabel: 'Dr Bench',
    sessionId: randomUUID(),
    action,
    entityType,
    entityId,
    changes: forms.changes[kind] ?? null,
    metadata: null,
    requestId: `req-${seq}`,
    ip: forms.ip,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) VetLoop bench',
    prevHash,
  };
}

async function insertChunk(su: pg.Client, columns: (string | null)[][]): Promise<void> {
  await su.query(
    `INSERT INTO audit_events (practice_id, seq, id, created_at, actor_type, actor_id,
       actor_label, session_id, action, entity_type, entity_id, changes, metadata, request_id,
       ip, user_agent, prev_hash, hash)
     SELECT p, s, i, c, at, ai, al, si, a, et, ei, ch::jsonb, m::jsonb, r, ip::inet, ua,
            decode(ph, 'hex'), decode(h, 'hex')
       FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::timestamptz[], $5::text[],
         $6::uuid[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[],
         $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
         AS t(p, s, i, c, at, ai, al, si, a, et, ei, ch, m, r, ip, ua, ph, h)`,
    columns,
  );
}
