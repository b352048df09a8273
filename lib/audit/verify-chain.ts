import type pg from 'pg';

import { CANONICAL_LATERAL, CANONICAL_SQL } from './canonical-event';

export type BreakKind = 'altered' | 'missing' | 'broken_link' | 'head_mismatch';

export interface ChainBreak {
  seq: string;
  kind: BreakKind;
  detail: string;
}

export interface ChainReport {
  practiceId: string;
  events: number;
  lastSeq: string;
  /** The first broken link; later ones are not looked for. */
  break: ChainBreak | null;
}

export interface VerifyOptions {
  batchSize?: number;
  /** Only these practices; default every practice. */
  practiceIds?: string[];
}

interface ChainState {
  lastSeq: bigint;
  lastHash: string | null;
  events: number;
}

interface BatchResult {
  seq: string;
  hash: string | null;
  step: string;
  altered: boolean;
  unlinked: boolean;
  total: number;
}

// One batch checked inside Postgres with the canonical form spelled out in built-ins
// (CANONICAL_SQL), returning only the batch's first bad event or else its last one.
// seq is qualified throughout: bare, it could bind to an output column.
const CHECK_BATCH = `
  WITH batch AS (
    SELECT e.seq, e.prev_hash, e.hash, sha256(convert_to(${CANONICAL_SQL}, 'UTF8')) AS recomputed
      FROM audit_events e, ${CANONICAL_LATERAL}
     WHERE e.practice_id = $1 AND e.seq > $2::bigint
     ORDER BY e.seq LIMIT $3),
  checked AS (
    SELECT b.seq, b.hash,
           b.seq - lag(b.seq, 1, $2::bigint) OVER w AS step,
           b.recomputed IS DISTINCT FROM b.hash AS altered,
           b.prev_hash IS DISTINCT FROM lag(b.hash, 1, decode($4, 'hex')) OVER w AS unlinked,
           row_number() OVER w AS n, count(*) OVER () AS total
      FROM batch b WINDOW w AS (ORDER BY b.seq))
  SELECT c.seq::text AS seq, encode(c.hash, 'hex') AS hash, c.step::text AS step, c.altered,
         c.unlinked, c.total::int AS total
    FROM checked c WHERE c.step <> 1 OR c.altered OR c.unlinked OR c.n = c.total
   ORDER BY c.seq LIMIT 1`;

/**
 * Walks every practice's audit chain on `clients`, dedicated connections as the owner
 * role; with more than one, practices are checked side by side. Forced RLS shows the
 * owner no practice's rows until one is set, so the practices come from
 * auth.audit_practice_ids() and each chain is read in its own read-only REPEATABLE READ
 * transaction with that practice set: one consistent snapshot, so events appended
 * meanwhile neither confuse the walk nor the head comparison.
 */
export async function verifyAuditChains(
  clients: pg.ClientBase | pg.ClientBase[],
  options: VerifyOptions = {},
): Promise<ChainReport[]> {
  const pool = Array.isArray(clients) ? clients : [clients];
  await requireUtf8(pool[0]!);
  const ids =
    options.practiceIds ??
    (
      await pool[0]!.query<{ id: string }>(
        'SELECT id::text AS id FROM auth.audit_practice_ids() AS id',
      )
    ).rows.map((r) => r.id);
  const reports = new Map<string, ChainReport>();
  let next = 0;
  const worker = async (client: pg.ClientBase) => {
    while (next < ids.length) {
      const practiceId = ids[next++]!;
      reports.set(practiceId, await verifyPracticeChain(client, practiceId, options.batchSize));
    }
  };
  await Promise.all(pool.map(worker));

  return ids.map((id) => reports.get(id)!);
}

export async function verifyPracticeChain(
  client: pg.ClientBase,
  practiceId: string,
  batchSize = 20_000,
): Promise<ChainReport> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // Parallel workers only add hand-offs to a walk in seq order by the primary key.
    await client.query(
      "SELECT set_config('app.practice_id', $1, true), set_config('max_parallel_workers_per_gather', '0', true)",
      [practiceId],
    );
    const state: ChainState = { lastSeq: 0n, lastHash: null, events: 0 };
    let found: ChainBreak | null = null;
    for (;;) {
      const { rows } = await client.query<BatchResult>(CHECK_BATCH, [
        practiceId,
        state.lastSeq.toString(),
        batchSize,
        state.lastHash,
      ]);
      if (rows.length === 0) break;
      found = checkResult(rows[0]!, state);
      if (found || rows[0]!.total < batchSize) break;
    }
    found ??= await checkHead(client, practiceId, state);
    await client.query('COMMIT');

    return { practiceId, events: state.events, lastSeq: String(state.lastSeq), break: found };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function requireUtf8(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ encoding: string }>(
    "SELECT current_setting('server_encoding') AS encoding",
  );
  if (rows[0]?.encoding !== 'UTF8') {
    throw new Error(`audit:verify needs a UTF8 database, not ${rows[0]?.encoding}`);
  }
}

function checkResult(row: BatchResult, state: ChainState): ChainBreak | null {
  if (row.step !== '1') {
    const missing = BigInt(row.seq) - BigInt(row.step) + 1n;

    return {
      seq: String(missing),
      kind: 'missing',
      detail: `event ${missing} is missing (next present is ${row.seq})`,
    };
  }
  if (row.altered) {
    return { seq: row.seq, kind: 'altered', detail: 'content does not match its hash' };
  }
  if (row.unlinked) {
    return {
      seq: row.seq,
      kind: 'broken_link',
      detail: 'prev_hash does not match the hash of the event before it',
    };
  }
  state.lastSeq = BigInt(row.seq);
  state.lastHash = row.hash;
  state.events += row.total;

  return null;
}

async function checkHead(
  client: pg.ClientBase,
  practiceId: string,
  state: ChainState,
): Promise<ChainBreak | null> {
  const result = await client.query<{ last_seq: string; last_hash: string | null }>(
    `SELECT last_seq::text, encode(last_hash, 'hex') AS last_hash
       FROM audit_chain_heads WHERE practice_id = $1`,
    [practiceId],
  );
  const head = result.rows[0] ?? { last_seq: '0', last_hash: null };
  const last = state.lastSeq;
  if (BigInt(head.last_seq) > last) {
    return {
      seq: String(last + 1n),
      kind: 'missing',
      detail: `the chain ends at ${last} but its head is at ${head.last_seq}`,
    };
  }
  if (BigInt(head.last_seq) !== last || head.last_hash !== state.lastHash) {
    return {
      seq: String(last),
      kind: 'head_mismatch',
      detail: `the head (${head.last_seq}) does not match the last event`,
    };
  }

  return null;
}
