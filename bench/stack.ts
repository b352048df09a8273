/**
 * The benchmark's own stack: an embedded PostgreSQL 18 (TLS 1.3, scram, as `npm start`
 * runs it) in .data/bench on its own port, so the numbers are not shared with anyone's
 * tests on the machine's Postgres, and the data set survives between runs.
 */
import path from 'node:path';

import { LOCAL_DATABASE, startLocalStack, type LocalStack } from '@/lib/platform/local-stack';

export const BENCH_DIR = path.resolve(process.cwd(), process.env.BENCH_DATA_DIR ?? '.data/bench');
export const BENCH_PG_PORT = Number(process.env.BENCH_PG_PORT ?? 56432);
export const BENCH_APP_PORT = Number(process.env.BENCH_APP_PORT ?? 11443);
export const BENCH_FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 11444);

export interface BenchStack extends LocalStack {
  /** Superuser on the bench database itself (bypasses row-level security: seeding only). */
  superuserDbUrl: string;
}

export async function startBenchStack(): Promise<BenchStack> {
  const stack = await startLocalStack({
    dataDir: BENCH_DIR,
    pgPort: BENCH_PG_PORT,
    appPort: BENCH_APP_PORT,
  });
  const url = new URL(stack.db.superuserUrl);
  url.pathname = `/${LOCAL_DATABASE}`;

  return { ...stack, superuserDbUrl: url.toString() };
}

/** Scale 1 is the data set; BENCH_SCALE=0.01 is a smoke run. */
export function benchScale() {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  if (!(scale > 0 && scale <= 4)) throw new Error('BENCH_SCALE must be in (0, 4]');
  const practices = Math.max(2, Math.round(50 * scale));

  return {
    scale,
    practices,
    referralsPerPractice: Math.max(200, Math.round((200_000 * scale) / practices)),
    auditEventsPerPractice: Math.max(1_000, Math.round((2_000_000 * scale) / practices)),
  };
}
