/**
 * `npm run bench`: seeds the bench database if needed (bench/seed.ts), builds the app
 * into .next-bench if needed, starts it over HTTPS in its own process and the floor in
 * another, drives each scenario from this process with autocannon on loopback, times
 * `npm run audit:verify`, and prints and writes bench/results/latest.json.
 *
 * BENCH_SCALE (1 = 50 practices, 200,000 referrals, 2,000,000 audit events), BENCH_SECONDS
 * (per scenario, default 10), BENCH_CONNECTIONS (default 16), BENCH_UPLOADS (default 40).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import {
  countIntakeReferrals,
  type PracticeFixture,
  loadFixtures,
  mintIntakeLinks,
  superuserClient,
  uploadedDocuments,
} from './fixtures';
import { loadIntakeForm, runIntake } from './intake';
import { runDownloads } from './download';
import { metered, readMemory, runScenario, type Scenario, type ScenarioResult } from './load';
import { printReport, summarise } from './report';
import {
  floorScenarios,
  readScenarios,
  uploadScenario,
  writeScenarios,
  type ScenarioOptions,
} from './scenarios';
import { ensureSeeded } from './seed';
import { BENCH_DIR, BENCH_FLOOR_PORT, startBenchStack } from './stack';

const root = process.cwd();
const DIST = process.env.NEXT_DIST_DIR ?? '.next-bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 40);
const children: ChildProcess[] = [];

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

function run(args: string[], env: NodeJS.ProcessEnv, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`${label} failed with exit code ${code}`));
    });
  });
}

async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  if (existsSync(path.join(root, DIST, 'BUILD_ID')) && !process.argv.includes('--build')) {
    log(`using the build in ${DIST} (pass --build to rebuild)`);

    return;
  }
  log(`next build into ${DIST}`);
  await run([path.join(root, 'node_modules/next/dist/bin/next'), 'build'], env, 'next build');
}

/** Starts a child running `script` (output to a log file) and waits until `url` answers. */
async function startChild(
  script: string,
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<ChildProcess> {
  const logFile = path.join(BENCH_DIR, `${path.basename(script, '.ts')}.log`);
  const out = openSync(logFile, 'w');
  // BENCH_PROFILE=1 writes a V8 CPU profile of the app to .data/bench/ for a look at hot spots.
  const profile =
    process.env.BENCH_PROFILE && script.endsWith('app.ts')
      ? ['--cpu-prof', `--cpu-prof-dir=${BENCH_DIR}`]
      : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: root,
    env,
    stdio: ['ignore', out, out],
  });
  children.push(child);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (const started = Date.now(); Date.now() - started < 120_000;) {
    if (exited) throw new Error(`${script} exited; see ${logFile}`);
    if (await ping(url).catch(() => 0)) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${script} did not start; see ${logFile}`);
}

function ping(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function measureIntake(
  o: ScenarioOptions,
  su: Awaited<ReturnType<typeof superuserClient>>,
  urls: string[],
  pids: { app: number; postmaster: number },
): Promise<ScenarioResult> {
  log(`intake submission: ${SECONDS} s, ${CONNECTIONS} connections, ${urls.length} links`);
  const forms = await Promise.all(urls.map((url) => loadIntakeForm(url)));
  // The form's stamp must be a few seconds old before it is accepted (lib/intake/form-stamp.ts).
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  const since = new Date();
  const {
    value: r,
    appRssMiB,
    cpu,
  } = await metered(pids, () => runIntake(o.origin, forms, SECONDS, CONNECTIONS));
  const created = await countIntakeReferrals(su, since);
  const result: ScenarioResult = {
    ...r,
    // A 200 may carry the form again with errors; only referrals created count as successes.
    errors: r.requests - created,
    statuses: { ...r.statuses, created },
    appRssMiB,
    cpu,
  };
  log(
    `  ${result.rps} req/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, created ${created} of ${r.requests} ${JSON.stringify(r.statuses)}`,
  );

  return result;
}

async function measureDownloads(
  practices: PracticeFixture[],
  documents: Awaited<ReturnType<typeof uploadedDocuments>>,
  pids: { app: number; postmaster: number },
): Promise<ScenarioResult> {
  const byId = new Map(practices.map((p) => [p.practiceId, p]));
  const targets = documents.map((d, i) => {
    const sessions = byId.get(d.practiceId)!.sessions;

    return {
      path: `/api/v1/referrals/${d.referralId}/documents/${d.id}`,
      cookie: sessions[i % sessions.length]!.cookie,
    };
  });
  log(`download: ${SECONDS} s, 10 connections, ${targets.length} documents`);
  const { value, appRssMiB, cpu } = await metered(pids, () =>
    runDownloads(process.env.APP_ORIGIN!, targets, SECONDS, 10),
  );
  const { mbPerSecond, ...r } = value;
  log(
    `  cpu app ${cpu.app} postgres ${cpu.postgres} load ${cpu.loadGenerator}; ${r.rps} req/s (${mbPerSecond} MB/s), p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, errors ${r.errors}`,
  );

  return { ...r, appRssMiB, cpu };
}

function postmasterPid(): number {
  const pidFile = readFileSync(path.join(BENCH_DIR, 'pg', 'postmaster.pid'), 'utf8');

  return Number.parseInt(pidFile.split('\n')[0] ?? '0', 10);
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const seed = await ensureSeeded(stack);
    log(`data set: ${JSON.stringify(seed)}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...stack.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: DIST,
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      BENCH_FLOOR_PORT: String(BENCH_FLOOR_PORT),
      FLOOR_SUPERUSER_URL: stack.superuserDbUrl,
    };
    Object.assign(process.env, env);
    await buildIfNeeded(env);
    const report = await measure(stack, env, seed);
    await mkdir(path.join(root, 'bench/results'), { recursive: true });
    await writeFile(
      path.join(root, 'bench/results/latest.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    printReport(report);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await stack.db.stop();
  }
}

async function measure(
  stack: Awaited<ReturnType<typeof startBenchStack>>,
  env: NodeJS.ProcessEnv,
  seed: unknown,
) {
  const su = await superuserClient(stack.superuserDbUrl, stack.db.caFile);
  try {
    log('minting sessions');
    const practices = await loadFixtures(su, 3_000);
    const intakeUrls = await mintIntakeLinks(practices, 20);
    const origin = stack.env.APP_ORIGIN!;
    const floorOrigin = `https://localhost:${BENCH_FLOOR_PORT}`;
    const app = await startChild('bench/app.ts', env, `${origin}/sign-in`);
    await startChild('bench/floor.ts', env, `${floorOrigin}/none`);
    log(`app pid ${app.pid} at ${origin}; floor on ${BENCH_FLOOR_PORT}`);

    const o: ScenarioOptions = { origin, practices, seconds: SECONDS, connections: CONNECTIONS };
    const pids = { app: app.pid!, postmaster: postmasterPid() };
    const results: ScenarioResult[] = [];
    // BENCH_ONLY=list runs only the scenarios whose name contains that text.
    const only = process.env.BENCH_ONLY?.toLowerCase();
    const measured = async (s: Scenario, at = origin) => {
      if (only && !s.name.toLowerCase().includes(only)) return;
      log(
        `${s.name}: ${s.amount ? `${s.amount} requests` : `${s.duration} s`}, ${s.connections} connections`,
      );
      const r = await runScenario(at, s, pids);
      log(
        `  cpu app ${r.cpu.app} postgres ${r.cpu.postgres} load ${r.cpu.loadGenerator}; ${r.rps} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, errors ${r.errors} ${JSON.stringify(r.statuses)}`,
      );
      results.push(r);
    };
    const warm = async (s: Scenario, at = origin) => {
      await runScenario(at, { ...s, duration: Math.min(3, SECONDS), amount: undefined }, pids);
    };

    const reads = readScenarios(o);
    const floors = floorScenarios(o);
    log('warming up');
    for (const s of reads) await warm(s);
    for (const s of floors) await warm(s, floorOrigin);
    const loads = os.loadavg();
    for (const s of floors) await measured(s, floorOrigin);
    for (const s of reads) await measured(s);
    for (const s of writeScenarios(o)) await measured(s);
    if (!only || 'intake'.includes(only))
      results.push(await measureIntake(o, su, intakeUrls, pids));
    await measured(uploadScenario(o, UPLOADS));
    if (!only || 'download'.includes(only)) {
      results.push(await measureDownloads(practices, await uploadedDocuments(su), pids));
    }
    const appPeakRssMiB = Math.round((readMemory(app.pid!, 'VmHWM') / 1024 / 1024) * 10) / 10;

    log('npm run audit:verify');
    const verifySeconds = await run(
      ['--import', 'tsx', 'scripts/audit-verify.ts'],
      env,
      'audit:verify',
    );

    return summarise({
      seed,
      results,
      appPeakRssMiB,
      verifySeconds,
      loadDuringRun: [loads, os.loadavg()],
      settings: { seconds: SECONDS, connections: CONNECTIONS, uploads: UPLOADS },
    });
  } finally {
    await su.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
