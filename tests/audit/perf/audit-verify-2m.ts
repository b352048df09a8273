/**
 * Manual benchmark, not part of the suite: builds a throwaway database with 2,000,000
 * audit events over 4 practices, then times `npm run audit:verify` against it and the
 * CPU its Postgres backend used. The chains are computed here in Node with
 * canonicalEvent() and bulk-inserted with the chain trigger off (the trigger's own cost
 * is not what this measures), so a clean result also proves Node and SQL agree at scale.
 * Run: node --import tsx tests/audit/perf/audit-verify-2m.ts   (EVENTS=… to resize)
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

import pg from 'pg';

import { hashEvent, type CanonicalFields } from '@/lib/audit/canonical-event';
import { verifyAuditChains } from '@/lib/audit/verify-chain';

import {
  createTemplateDatabase,
  dropDatabase,
  ownerUrl,
  SUPERUSER_URL,
} from '../../helpers/postgres';

const TOTAL = Number(process.env.EVENTS ?? 2_000_000);
const PRACTICES = 4;
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

function eventAt(practiceId: string, seq: number, prevHash: string | null): CanonicalFields {
  const at = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString().replace('Z', '000Z');

  return {
    practiceId,
    seq: String(seq),
    id: randomUUID(),
    createdAt: at,
    actorType: 'user',
    actorId: randomUUID(),
    actorLabel: 'Dr Bench',
    sessionId: randomUUID(),
    action: 'referral.status_changed',
    entityType: 'referral',
    entityId: randomUUID(),
    changes: '{"status": {"to": "received", "from": "submitted"}}',
    metadata: `{"n": ${seq}, "via": "inbox"}`,
    requestId: `req-${seq}`,
    ip: '203.0.113.7/32',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) bench',
    prevHash,
  };
}

async function fillPractice(su: pg.Client, practiceId: string, count: number) {
  let prevHash: string | null = null;
  for (let start = 1; start <= count; start += CHUNK) {
    const columns = COLUMNS.map(() => [] as (string | null)[]);
    for (let seq = start; seq < Math.min(start + CHUNK, count + 1); seq += 1) {
      const event = eventAt(practiceId, seq, prevHash);
      const hash = hashEvent(event);
      const row = { ...event, hash };
      COLUMNS.forEach((key, i) => columns[i]!.push(row[key]));
      prevHash = hash;
    }
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
  await su.query(
    `INSERT INTO audit_chain_heads (practice_id, last_seq, last_hash)
     VALUES ($1, $2, decode($3, 'hex'))`,
    [practiceId, count, prevHash],
  );
}

/** CPU seconds of this process and of its Postgres backend (same machine) for one verify. */
async function measureCpu(url: string) {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    const pid = (await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const ticks = () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

      return (Number(fields[11]) + Number(fields[12])) / 100;
    };
    const backendBefore = ticks();
    const nodeBefore = process.cpuUsage();
    const wall = performance.now();
    const reports = await verifyAuditChains(owner);
    const node = process.cpuUsage(nodeBefore);
    console.log(
      `in-process verify: ${reports.reduce((n, r) => n + r.events, 0)} events, ` +
        `wall ${((performance.now() - wall) / 1000).toFixed(1)} s, ` +
        `postgres backend CPU ${(ticks() - backendBefore).toFixed(1)} s, ` +
        `node CPU ${((node.user + node.system) / 1e6).toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await owner.end();
  }
}

async function main() {
  const database = await createTemplateDatabase();
  const url = new URL(SUPERUSER_URL);
  url.pathname = `/${database}`;
  const su = new pg.Client({ connectionString: url.toString() });
  await su.connect();
  try {
    const fillStart = performance.now();
    await su.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain');
    for (let i = 0; i < PRACTICES; i += 1) {
      const id = randomUUID();
      await su.query('INSERT INTO practices (id, name, slug) VALUES ($1, $2, $3)', [
        id,
        `Bench ${i}`,
        `bench-${i}-${id.slice(0, 6)}`,
      ]);
      await fillPractice(su, id, TOTAL / PRACTICES);
    }
    await su.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain');
    await su.query('VACUUM ANALYZE audit_events');
    console.log(
      `filled ${TOTAL} events in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
    );

    const started = performance.now();
    const out = execFileSync('node', ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env, MIGRATION_DATABASE_URL: ownerUrl(database) },
      encoding: 'utf8',
    });
    console.log(out.trim());
    console.log(`audit:verify wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measureCpu(ownerUrl(database));
  } finally {
    await su.end();
    if (process.env.KEEP) console.log(`kept database ${database}`);
    else await dropDatabase(database);
  }
}

await main();
