/**
 * `npm run bench:seed`: fills the bench database with BENCH_SCALE × (50 practices,
 * 200,000 referrals, 2,000,000 audit events), plus their clinics, vets, status history,
 * one message per referral and a document row per four. Skips if the same scale is
 * already there; `--reseed` drops the database's data (the cluster directory) first.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import pg from 'pg';

import { seedAuditEvents } from './seed/audit-seed';
import { analyzeAll, seedPractice } from './seed/bulk-seed';
import { benchScale, BENCH_DIR, startBenchStack, type BenchStack } from './stack';

const MARKER = path.join(BENCH_DIR, 'seeded.json');

export interface SeedSummary {
  scale: number;
  practices: number;
  referrals: number;
  auditEvents: number;
  seconds: number;
}

/** Seeds unless the marker says this scale is already in the database. */
export async function ensureSeeded(stack: BenchStack): Promise<SeedSummary> {
  const plan = benchScale();
  if (existsSync(MARKER)) {
    const done = JSON.parse(await readFile(MARKER, 'utf8')) as SeedSummary;
    if (done.scale === plan.scale) return done;
    throw new Error(
      `the bench database holds scale ${done.scale}; run npm run bench:seed -- --reseed`,
    );
  }
  const started = performance.now();
  const su = new pg.Client({
    connectionString: stack.superuserDbUrl,
    ssl: { ca: await readFile(stack.db.caFile, 'utf8'), rejectUnauthorized: true },
  });
  await su.connect();
  try {
    for (let i = 0; i < plan.practices; i += 1) {
      const p = await seedPractice(su, {
        label: `p${i}`,
        referrals: plan.referralsPerPractice,
        messagesPerReferral: 1,
      });
      const refs = await su.query<{ id: string }>(
        'SELECT id FROM referrals WHERE practice_id = $1 ORDER BY created_at DESC LIMIT 2000',
        [p.practiceId],
      );
      await seedAuditEvents(su, {
        practiceId: p.practiceId,
        count: plan.auditEventsPerPractice,
        referralIds: refs.rows.map((r) => r.id),
        actorIds: p.staffUserIds,
      });
      log(`practice ${i + 1}/${plan.practices} seeded (${secondsSince(started)} s)`);
    }
    log('VACUUM ANALYZE');
    await analyzeAll(su);
  } finally {
    await su.end();
  }
  const summary: SeedSummary = {
    scale: plan.scale,
    practices: plan.practices,
    referrals: plan.practices * plan.referralsPerPractice,
    auditEvents: plan.practices * plan.auditEventsPerPractice,
    seconds: Number(secondsSince(started)),
  };
  await writeFile(MARKER, `${JSON.stringify(summary, null, 2)}\n`);

  return summary;
}

function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

function log(message: string): void {
  process.stdout.write(`[bench:seed] ${message}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--reseed')) {
    await rm(path.join(BENCH_DIR, 'pg'), { recursive: true, force: true });
    await rm(MARKER, { force: true });
  }
  const stack = await startBenchStack();
  try {
    const summary = await ensureSeeded(stack);
    log(JSON.stringify(summary));
  } finally {
    await stack.db.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
