/**
 * What must hold after any fault: every write the client saw succeed is in the database
 * with its audit event; no change exists by half (a status without its history row and
 * audit event, a message without its event, a document row without its sealed file or a
 * file without its row, a partly written temp file); and every audit chain verifies.
 * Reads as the superuser (row-level security would hide other practices' rows).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { superuserClient } from './fixtures';
import type { Ledger, WriteRecord } from './ledger';
import type { Stack } from './stack';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export async function checkConsistency(stack: Stack, ledger: Ledger): Promise<Check[]> {
  const su = await superuserClient(stack);
  try {
    return [
      await checkStatusChanges(su, ledger),
      await checkMessages(su, ledger),
      ...(await checkDocuments(su, stack, ledger)),
      await checkAuditChains(stack),
    ];
  } finally {
    await su.end();
  }
}

type Client = Awaited<ReturnType<typeof superuserClient>>;

function tally(writes: WriteRecord[]) {
  const byReferral = new Map<string, { committed: number; unknown: number }>();
  for (const w of writes) {
    const t = byReferral.get(w.referralId) ?? { committed: 0, unknown: 0 };
    if (w.outcome === 'committed') t.committed += 1;
    if (w.outcome === 'unknown') t.unknown += 1;
    byReferral.set(w.referralId, t);
  }

  return byReferral;
}

async function checkStatusChanges(su: Client, ledger: Ledger): Promise<Check> {
  const writes = ledger.of('status');
  const { rows } = await su.query<{
    id: string;
    status: string;
    history: number;
    events: number;
    last_to: string | null;
  }>(
    `SELECT r.id, r.status,
            (SELECT count(*)::int FROM referral_status_history h
              WHERE h.practice_id = r.practice_id AND h.referral_id = r.id
                AND h.created_at >= $1) AS history,
            (SELECT count(*)::int FROM audit_events e
              WHERE e.practice_id = r.practice_id AND e.entity_id = r.id::text
                AND e.action = 'referral.status_changed' AND e.created_at >= $1) AS events,
            (SELECT h.to_status FROM referral_status_history h
              WHERE h.practice_id = r.practice_id AND h.referral_id = r.id
              ORDER BY h.created_at DESC LIMIT 1) AS last_to
       FROM referrals r`,
    [ledger.since],
  );
  const problems: string[] = [];
  const expected = tally(writes);
  for (const r of rows) {
    const t = expected.get(r.id) ?? { committed: 0, unknown: 0 };
    if (r.history !== r.events) {
      problems.push(`${r.id}: ${r.history} history rows but ${r.events} audit events`);
    }
    if (r.history < t.committed) {
      problems.push(`${r.id}: ${t.committed} acknowledged changes, ${r.history} stored (lost)`);
    }
    if (r.history > t.committed + t.unknown) {
      problems.push(
        `${r.id}: ${r.history} stored changes, at most ${t.committed + t.unknown} sent`,
      );
    }
    if (r.last_to !== null && r.last_to !== r.status) {
      problems.push(`${r.id}: status ${r.status} but its last history row says ${r.last_to}`);
    }
  }
  const committed = writes.filter((w) => w.outcome === 'committed').length;
  const unknown = writes.filter((w) => w.outcome === 'unknown').length;

  return {
    name: 'status changes: acknowledged stored, each with history and audit event',
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? `${committed} acknowledged, ${unknown} unanswered; all consistent`
        : problems.slice(0, 5).join('; '),
  };
}

async function checkMessages(su: Client, ledger: Ledger): Promise<Check> {
  const writes = ledger.of('message');
  const { rows } = await su.query<{ id: string; referral_id: string; events: number }>(
    `SELECT m.id, m.referral_id,
            (SELECT count(*)::int FROM audit_events e
              WHERE e.practice_id = m.practice_id AND e.entity_id = m.id::text
                AND e.action IN ('note.posted', 'message.posted')) AS events
       FROM messages m WHERE m.created_at >= $1`,
    [ledger.since],
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const w of writes) {
    if (w.outcome === 'committed' && (!w.id || !stored.has(w.id))) {
      problems.push(`acknowledged message ${w.id ?? '(no id)'} is missing`);
    }
  }
  for (const r of rows) {
    if (r.events !== 1) problems.push(`message ${r.id} has ${r.events} audit events`);
  }
  const perReferral = new Map<string, number>();
  for (const r of rows) perReferral.set(r.referral_id, (perReferral.get(r.referral_id) ?? 0) + 1);
  for (const [referralId, t] of tally(writes)) {
    const n = perReferral.get(referralId) ?? 0;
    if (n > t.committed + t.unknown) problems.push(`${referralId}: ${n} messages, more than sent`);
  }
  const committed = writes.filter((w) => w.outcome === 'committed').length;

  return {
    name: 'messages: acknowledged stored, each with its audit event',
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? `${committed} acknowledged, ${rows.length} stored since the start; all consistent`
        : problems.slice(0, 5).join('; '),
  };
}

/** Sealed files on disk, by practice; `.tmp-*` are uploads cut off mid-write. */
export function listStoredFiles(documentsDir: string) {
  const blobs: string[] = [];
  const temps: string[] = [];
  if (!existsSync(documentsDir)) return { blobs, temps };
  for (const practice of readdirSync(documentsDir, { withFileTypes: true })) {
    if (!practice.isDirectory() || practice.name.startsWith('.')) continue;
    for (const file of readdirSync(path.join(documentsDir, practice.name))) {
      if (file.startsWith('.tmp-')) temps.push(`${practice.name}/${file}`);
      else blobs.push(`${practice.name}/${file}`);
    }
  }

  return { blobs, temps };
}

async function checkDocuments(su: Client, stack: Stack, ledger: Ledger): Promise<Check[]> {
  const { rows } = await su.query<{ id: string; storage_key: string; events: number }>(
    `SELECT d.id, d.storage_key,
            (SELECT count(*)::int FROM audit_events e
              WHERE e.practice_id = d.practice_id AND e.entity_id = d.id::text
                AND e.action = 'document.uploaded') AS events
       FROM documents d`,
  );
  const { blobs, temps } = listStoredFiles(stack.documentsDir);
  const onDisk = new Set(blobs);
  const keys = new Set(rows.map((r) => r.storage_key));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const w of ledger.of('upload')) {
    if (w.outcome === 'committed' && (!w.id || !byId.has(w.id))) {
      problems.push(`acknowledged upload ${w.id ?? '(no id)'} has no row`);
    }
  }
  for (const r of rows) {
    if (!onDisk.has(r.storage_key)) problems.push(`document ${r.id} has no sealed file`);
    if (r.events !== 1) problems.push(`document ${r.id} has ${r.events} upload audit events`);
  }
  const orphans = blobs.filter((b) => !keys.has(b));
  const uploads = ledger.of('upload');

  return [
    {
      name: 'documents: acknowledged stored, every row has its file and audit event',
      ok: problems.length === 0,
      detail:
        problems.length === 0
          ? `${uploads.filter((w) => w.outcome === 'committed').length} acknowledged, ${rows.length} rows, all with files`
          : problems.slice(0, 5).join('; '),
    },
    {
      name: 'documents: no file without its row, no partial temp file',
      ok: orphans.length === 0 && temps.length === 0,
      detail:
        orphans.length === 0 && temps.length === 0
          ? `${blobs.length} files, each with its row`
          : `${orphans.length} file(s) without a row, ${temps.length} temp file(s)`,
    },
  ];
}

/** `npm run audit:verify` as an operator runs it (the owner role, over TLS). */
export function checkAuditChains(stack: Stack): Promise<Check> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        MIGRATION_DATABASE_URL: stack.ownerDbUrl,
        DATABASE_CA_FILE: stack.caFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (part: Buffer) => (output += part.toString()));
    child.stderr.on('data', (part: Buffer) => (output += part.toString()));
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      resolve({ name: 'npm run audit:verify', ok: code === 0, detail: `exit ${code}: ${last}` });
    });
  });
}
