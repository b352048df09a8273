/**
 * What the load does, request by request. Each request takes the next session in a
 * round robin (so no session meets its rate limit) and works on that session's practice.
 */
import { randomBytes } from 'node:crypto';

import type { BenchSession, PracticeFixture } from './fixtures';
import type { BuiltRequest, Scenario } from './load';

export interface ScenarioOptions {
  origin: string;
  practices: PracticeFixture[];
  /** Seconds per timed scenario. */
  seconds: number;
  connections: number;
}

const MiB = 1024 * 1024;

function roundRobin(practices: PracticeFixture[]) {
  const sessions = practices.flatMap((p) => p.sessions);
  const byId = new Map(practices.map((p) => [p.practiceId, p]));

  return (i: number) => {
    const session = sessions[i % sessions.length]!;
    const practice = byId.get(session.practiceId)!;

    return { session, practice, referral: practice.referrals[i % practice.referrals.length]! };
  };
}

function headers(session: BenchSession, origin: string, extra: Record<string, string> = {}) {
  return { cookie: session.cookie, origin, 'user-agent': 'VetLoop bench', ...extra };
}

/** The readers: inbox page, JSON list with a filter, a referral page. */
export function readScenarios(o: ScenarioOptions): Scenario[] {
  const pick = roundRobin(o.practices);
  const get = (path: string, session: BenchSession, accept: string): BuiltRequest => ({
    method: 'GET',
    path,
    headers: headers(session, o.origin, { accept }),
  });

  return [
    {
      name: 'inbox page (GET /inbox)',
      connections: o.connections,
      duration: o.seconds,
      expect: [200],
      build: (i) => get('/inbox', pick(i).session, 'text/html'),
    },
    {
      name: 'JSON list, filtered (GET /api/v1/referrals?status=received)',
      connections: o.connections,
      duration: o.seconds,
      expect: [200],
      build: (i) => get('/api/v1/referrals?status=received', pick(i).session, 'application/json'),
    },
    {
      name: 'referral page (GET /referrals/:id)',
      connections: o.connections,
      duration: o.seconds,
      expect: [200],
      build: (i) => {
        const { session, referral } = pick(i);

        return get(`/referrals/${referral}`, session, 'text/html');
      },
    },
  ];
}

/** The writers: a status change (received → needs info, with its audit event), a message. */
export function writeScenarios(o: ScenarioOptions): Scenario[] {
  const pick = roundRobin(o.practices);
  // Every status change moves a referral nobody else is moving, once.
  const moves = interleave(o.practices.map((p) => p.received.map((id) => ({ p, id }))));
  const json = (session: BenchSession, path: string, body: unknown): BuiltRequest => ({
    method: 'POST',
    path,
    headers: headers(session, o.origin, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });

  return [
    {
      name: 'status change (POST /api/v1/referrals/:id/status)',
      connections: o.connections,
      duration: o.seconds,
      expect: [200],
      build: (i) => {
        const { p, id } = moves[i % moves.length]!;
        const session = p.sessions[Math.floor(i / o.practices.length) % p.sessions.length]!;

        return json(session, `/api/v1/referrals/${id}/status`, {
          action: 'request_info',
          expectedStatus: 'received',
          note: 'Please send the latest bloods and any imaging.',
        });
      },
    },
    {
      name: 'message post (POST /api/v1/referrals/:id/messages)',
      connections: o.connections,
      duration: o.seconds,
      expect: [200, 201],
      build: (i) => {
        const { session, referral } = pick(i);

        return json(session, `/api/v1/referrals/${referral}/messages`, {
          visibility: 'internal',
          body: `Owner called back; happy to bring him in on Tuesday morning (${i}).`,
        });
      },
    },
  ];
}

/** Ten connections each sending 10 MB PDFs: the streaming path's memory and throughput. */
export function uploadScenario(o: ScenarioOptions, uploads: number): Scenario {
  const pick = roundRobin(o.practices);
  const size = Number(process.env.BENCH_UPLOAD_MIB ?? 10) * MiB;
  const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

  return {
    name: `upload ${size / MiB} MB (POST /api/v1/referrals/:id/documents), 10 at once`,
    connections: Math.min(10, uploads),
    amount: uploads,
    expect: [201],
    build: (i) => {
      const { session, referral } = pick(i);

      return {
        method: 'POST',
        path: `/api/v1/referrals/${referral}/documents?filename=bench-${i}.pdf&visibility=internal`,
        headers: headers(session, o.origin, { 'content-type': 'application/pdf' }),
        body,
      };
    },
  };
}

/** The floor's two routes, with the same practice and user rotation as the app's list. */
export function floorScenarios(o: ScenarioOptions): Scenario[] {
  const pick = roundRobin(o.practices);
  const floor = (mode: 'plain' | 'rls'): Scenario => ({
    name: `floor: list query ${mode === 'plain' ? 'without RLS (superuser)' : 'with RLS (vetloop_app)'}`,
    connections: o.connections,
    duration: o.seconds,
    expect: [200],
    build: (i) => {
      const { session } = pick(i);

      return {
        method: 'GET',
        path: `/${mode}?practice=${session.practiceId}&user=${session.userId}`,
        headers: { accept: 'application/json' },
      };
    },
  });

  return [floor('plain'), floor('rls')];
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i += 1) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }

  return out;
}
