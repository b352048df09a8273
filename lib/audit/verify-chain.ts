import type pg from 'pg';

import { CANONICAL_SELECT, fieldsFromRow, hashEvent } from './canonical-event';

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
  expected: bigint;
  prevHash: string | null;
  events: number;
}

// Qualified: the select list's seq::text is also named seq, and would sort as text.
const SELECT_BATCH = `SELECT ${CANONICAL_SELECT} FROM audit_events e
  WHERE e.practice_id = $1 AND e.seq > $2::bigint ORDER BY e.seq LIMIT $3`;

/**
 * Walks every practice's audit chain on `client`, a dedicated connection as the owner
 * role. Forced RLS shows the owner no practice's rows until one is set, so the
 * practices come from auth.audit_practice_ids() and each chain is read in its own
 * read-only REPEATABLE READ transaction with that practice set: one consistent snapshot,
 * so events appended meanwhile neither confuse the walk nor the head comparison.
 */
export async function verifyAuditChains(
  client: pg.ClientBase,
  options: VerifyOptions = {},
): Promise<ChainReport[]> {
  const ids =
    options.practiceIds ??
    (
      await client.query<{ id: string }>(
        'SELECT id::text AS id FROM auth.audit_practice_ids() AS id',
      )
    ).rows.map((r) => r.id);
  const reports: ChainReport[] = [];
  for (const practiceId of ids) {
    reports.push(await verifyPracticeChain(client, practiceId, options.batchSize ?? 20_000));
  }

  return reports;
}

export async function verifyPracticeChain(
  client: pg.ClientBase,
  practiceId: string,
  batchSize = 20_000,
): Promise<ChainReport> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query("SELECT set_config('app.practice_id', $1, true)", [practiceId]);
    const state: ChainState = { expected: 1n, prevHash: null, events: 0 };
    let found: ChainBreak | null = null;
    while (!found) {
      const batch = await client.query<string[]>({
        text: SELECT_BATCH,
        values: [practiceId, (state.expected - 1n).toString(), batchSize],
        rowMode: 'array',
      });
      found = checkBatch(batch.rows, state);
      if (batch.rows.length < batchSize) break;
    }
    found ??= await checkHead(client, practiceId, state);
    await client.query('COMMIT');

    return { practiceId, events: state.events, lastSeq: String(state.expected - 1n), break: found };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

function checkBatch(rows: (string | null)[][], state: ChainState): ChainBreak | null {
  for (const row of rows) {
    const { fields, hash } = fieldsFromRow(row);
    const seq = BigInt(fields.seq);
    if (seq !== state.expected) {
      return {
        seq: String(state.expected),
        kind: 'missing',
        detail: `event ${state.expected} is missing (next present is ${seq})`,
      };
    }
    if (hash === null || hashEvent(fields) !== hash) {
      return { seq: fields.seq, kind: 'altered', detail: 'content does not match its hash' };
    }
    if (fields.prevHash !== state.prevHash) {
      return {
        seq: fields.seq,
        kind: 'broken_link',
        detail: 'prev_hash does not match the hash of the event before it',
      };
    }
    state.prevHash = hash;
    state.expected = seq + 1n;
    state.events += 1;
  }

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
  const last = state.expected - 1n;
  if (BigInt(head.last_seq) > last) {
    return {
      seq: String(state.expected),
      kind: 'missing',
      detail: `the chain ends at ${last} but its head is at ${head.last_seq}`,
    };
  }
  if (BigInt(head.last_seq) !== last || head.last_hash !== state.prevHash) {
    return {
      seq: String(last),
      kind: 'head_mismatch',
      detail: `the head (${head.last_seq}) does not match the last event`,
    };
  }

  return null;
}
