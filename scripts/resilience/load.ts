/**
 * The load under which faults are injected: workers that each own some referrals (so no
 * two requests race on one referral and the expected state is known) and loop over
 * status changes (Received ⇄ Needs info), internal notes and, optionally, small uploads,
 * recording every write in the ledger and every reply's status and latency.
 */
import type { Fixtures } from './fixtures';
import { errorCode, request, type Reply, type Target } from './http-client';
import { outcomeOf, type Ledger } from './ledger';

export interface LoadOptions {
  workers: number;
  uploads: boolean;
  /** A request that takes longer is a hang. */
  timeoutMs: number;
}

export interface Sample {
  at: number;
  kind: 'status' | 'message' | 'upload' | 'read';
  status: number;
  code?: string;
  ms: number;
  timedOut: boolean;
}

export interface RunningLoad {
  samples: Sample[];
  stop(): Promise<Sample[]>;
}

interface Owned {
  practiceId: string;
  referralId: string;
  cookies: string[];
  belief: 'received' | 'needs_info' | 'unknown';
  turns: number;
}

const UPLOAD_BODY = Buffer.from('Resilience upload: synthetic clinical note.\n'.repeat(700));
let cookieTurn = 0;

export function startLoad(
  target: Target,
  fixtures: Fixtures,
  ledger: Ledger,
  options: LoadOptions,
): RunningLoad {
  const owned: Owned[][] = Array.from({ length: options.workers }, () => []);
  let n = 0;
  for (const p of fixtures.practices) {
    for (const referralId of p.referrals) {
      owned[n % options.workers]!.push({
        practiceId: p.practiceId,
        referralId,
        cookies: p.cookies,
        belief: 'unknown',
        turns: 0,
      });
      n += 1;
    }
  }
  const samples: Sample[] = [];
  let stopping = false;

  const send = async (kind: Sample['kind'], o: Owned, spec: Parameters<typeof request>[1]) => {
    const cookie = o.cookies[cookieTurn++ % o.cookies.length]!;
    const reply = await request(target, {
      ...spec,
      timeoutMs: options.timeoutMs,
      headers: { cookie, ...spec.headers },
    });
    samples.push({
      at: Date.now(),
      kind,
      status: reply.status,
      code: errorCode(reply),
      ms: reply.ms,
      timedOut: reply.timedOut,
    });

    return reply;
  };

  const step = async (o: Owned) => {
    const base = `/api/v1/referrals/${o.referralId}`;
    if (o.belief === 'unknown') {
      const reply = await send('read', o, { method: 'GET', path: base });
      const status = dataField(reply, 'status');
      if (status === 'received' || status === 'needs_info') o.belief = status;

      return;
    }
    const pick = o.turns++ % 10;
    if (options.uploads && pick === 0) {
      const reply = await send('upload', o, {
        method: 'POST',
        path: `${base}/documents?filename=note.txt&visibility=internal`,
        headers: { 'content-type': 'application/octet-stream' },
        body: UPLOAD_BODY,
      });
      ledger.record({
        kind: 'upload',
        practiceId: o.practiceId,
        referralId: o.referralId,
        id: dataField(reply, 'id'),
        outcome: outcomeOf(reply.status),
        status: reply.status,
      });
    } else if (pick < 4) {
      const reply = await send('message', o, {
        method: 'POST',
        path: `${base}/messages`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ visibility: 'internal', body: 'Synthetic resilience note.' }),
      });
      ledger.record({
        kind: 'message',
        practiceId: o.practiceId,
        referralId: o.referralId,
        id: dataField(reply, 'id'),
        outcome: outcomeOf(reply.status),
        status: reply.status,
      });
    } else {
      const toInfo = o.belief === 'received';
      const reply = await send('status', o, {
        method: 'POST',
        path: `${base}/status`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          toInfo
            ? { action: 'request_info', expectedStatus: 'received', note: 'Synthetic request.' }
            : { action: 'info_provided', expectedStatus: 'needs_info' },
        ),
      });
      const outcome = outcomeOf(reply.status);
      ledger.record({
        kind: 'status',
        practiceId: o.practiceId,
        referralId: o.referralId,
        outcome,
        status: reply.status,
      });
      if (outcome === 'committed') o.belief = toInfo ? 'needs_info' : 'received';
      else if (outcome === 'unknown' || reply.status === 409) o.belief = 'unknown';
    }
  };

  const worker = async (mine: Owned[]) => {
    for (let turn = 0; !stopping && mine.length > 0; turn += 1) {
      const o = mine[turn % mine.length]!;
      await step(o);
      // A refused or failed request must not turn the worker into a busy loop.
      const last = samples.at(-1);
      if (last && (last.status === 0 || last.status >= 500)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const running = owned.map((mine) => worker(mine));

  return {
    samples,
    async stop() {
      stopping = true;
      await Promise.all(running);

      return samples;
    },
  };
}

function dataField(reply: Reply, field: string): string | undefined {
  if (reply.status < 200 || reply.status >= 300) return undefined;
  try {
    const value = (JSON.parse(reply.body) as { data?: Record<string, unknown> }).data?.[field];

    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Counts of replies by status (0 = no answer) and the slowest one. */
export function summarise(samples: Sample[]) {
  const statuses: Record<string, number> = {};
  let maxMs = 0;
  let hangs = 0;
  for (const s of samples) {
    const key = s.timedOut ? 'hang' : String(s.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    maxMs = Math.max(maxMs, s.ms);
    if (s.timedOut) hangs += 1;
  }

  return { requests: samples.length, statuses, maxMs, hangs };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
