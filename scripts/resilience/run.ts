/**
 * `npm run resilience`: runs the production app under load against a stack this script
 * owns (embedded Postgres, a throwaway Redis, a small tmpfs for documents), injects one
 * fault at a time, checks after each that nothing acknowledged was lost and nothing was
 * left half done, and prints a PASS/FAIL table. Exits 1 if any check failed.
 *
 * Options: `--no-build` reuses the last build in .next-resilience;
 * `RESILIENCE_ONLY=pool,redis` runs only the faults whose names contain one of those.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { startApp, stopApp } from './app-process';
import { databaseRestart } from './faults/database-restart';
import { diskFull } from './faults/disk-full';
import { hostileClients } from './faults/hostile-clients';
import { appKill } from './faults/app-kill';
import { poolExhaustion } from './faults/pool-exhaustion';
import { redisOutage } from './faults/redis-outage';
import { seedFixtures } from './fixtures';
import type { Fault, Harness } from './harness';
import { resetConnections } from './http-client';
import { Ledger } from './ledger';
import { sleep } from './load';
import { passed, printReport, type FaultResult } from './report';
import { startStack, type Stack } from './stack';

const FAULTS: Fault[] = [
  databaseRestart,
  poolExhaustion,
  redisOutage,
  diskFull,
  appKill,
  hostileClients,
];
const POOL_MAX = 4;
/** A quiet spell between faults, so each one's log lines and outages are its own. */
const SETTLE_MS = 5_000;

function log(message: string): void {
  process.stdout.write(`[resilience] ${message}\n`);
}

function build(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = path.join(process.cwd(), 'node_modules/next/dist/bin/next');
    const child = spawn(process.execPath, [next, 'build'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`)),
    );
  });
}

async function runFault(fault: Fault, h: Harness): Promise<FaultResult> {
  log(`${fault.name}: running`);
  const started = performance.now();
  try {
    const checks = await fault.run(h);
    const result = { name: fault.name, checks, seconds: (performance.now() - started) / 1000 };
    log(`${fault.name}: ${passed(result) ? 'PASS' : 'FAIL'}`);

    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${fault.name}: could not run: ${message}`);

    return {
      name: fault.name,
      checks: [],
      seconds: (performance.now() - started) / 1000,
      error: message,
    };
  } finally {
    // A fault that stopped something must not leave it stopped for the next one.
    await h.stack.postgres.start();
    await h.stack.redis.start();
    if (!h.app.alive) await h.restartApp();
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const only = process.env.RESILIENCE_ONLY?.toLowerCase().split(',');
  let stack: Stack | undefined;
  let harness: Harness | undefined;
  const results: FaultResult[] = [];
  try {
    log('starting the stack (embedded Postgres, Redis, documents tmpfs)');
    stack = await startStack({ poolMax: POOL_MAX });
    // lib/ code in this process (the seed, the sweep) reads the same environment.
    Object.assign(process.env, stack.env);
    if (!process.argv.includes('--no-build')) {
      log('next build into .next-resilience');
      await build(stack.env);
    }
    log('seeding');
    const fixtures = await seedFixtures(stack);
    log('starting the app');
    const s = stack;
    harness = {
      stack: s,
      fixtures,
      ledger: new Ledger(),
      target: { origin: s.origin, caFile: s.caFile },
      app: await startApp(s),
      async restartApp() {
        resetConnections();
        this.app = await startApp(s);
      },
    };
    for (const fault of FAULTS) {
      if (only && !only.some((o) => fault.name.toLowerCase().includes(o.trim()))) continue;
      if (results.length > 0) await sleep(SETTLE_MS);
      results.push(await runFault(fault, harness));
    }
  } finally {
    if (harness) await stopApp(harness.app);
    await stack?.stop();
  }
  printReport(results);
  const failed = results.filter((r) => !passed(r)).length;
  log(
    `${results.length - failed} of ${results.length} faults passed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `resilience run could not complete: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
