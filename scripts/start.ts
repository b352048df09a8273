/**
 * `npm start`: one command from a fresh clone to VetLoop over HTTPS.
 *
 * Without DATABASE_URL it runs everything locally: an embedded PostgreSQL (TLS 1.3 only)
 * in DATA_DIR, secrets and a self-signed certificate generated there once and reused.
 * With DATABASE_URL (and MIGRATION_DATABASE_URL for the owner role) it starts nothing
 * embedded and expects every other setting from the environment.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { migrate } from '@/lib/db/migrate';
import { EnvError, parseEnv, type Env } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import type { EmbeddedDatabase } from '@/lib/platform/embedded-postgres';
import { startLocalStack } from '@/lib/platform/local-stack';
import type { Cluster } from '@/lib/platform/start-cluster';

import type { RunningApp } from '../server';

const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
/** `--instances N`: N app processes behind a local TLS front (lib/platform/start-cluster.ts). */
const instances = instanceCount(process.argv.slice(2));
const root = process.cwd();

// Before Next loads (server.ts is imported late for this reason).
if (!process.env.NODE_ENV) {
  Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production' });
}
// The network is closed to Next's telemetry; don't let it try.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data');
process.env.DATA_DIR = dataDir;

const running: { db?: EmbeddedDatabase; app?: RunningApp; cluster?: Cluster } = {};

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    await migrateExternal();
  } else {
    running.db = await startLocalDatabase();
  }

  const env = parseEnvOrExit();
  await runSeed();
  if (!dev) {
    await buildIfNeeded();
  }
  if (instances > 1) {
    const { startCluster } = await import('@/lib/platform/start-cluster');
    running.cluster = await startCluster({ root, env, processEnv: process.env, count: instances });
  } else {
    const { startGateway } = await import('../server');
    running.app = await startGateway(env, { dev, dir: root });
  }
  await printWelcome(env);
}

function instanceCount(argv: string[]): number {
  const at = argv.indexOf('--instances');
  if (at === -1) return 1;
  const count = Number(argv[at + 1]);
  if (!Number.isInteger(count) || count < 1 || count > 16 || dev) {
    process.stderr.write('--instances takes a number from 1 to 16, without --dev\n');
    process.exit(1);
  }

  return count;
}

async function startLocalDatabase(): Promise<EmbeddedDatabase> {
  const stack = await startLocalStack({
    dataDir,
    pgPort: Number(process.env.EMBEDDED_PG_PORT ?? 55432),
    appPort: Number(process.env.PORT ?? 3443),
  });
  fillEnv(stack.env);

  return stack.db;
}

async function migrateExternal(): Promise<void> {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) {
    logger.warn('MIGRATION_DATABASE_URL is not set; skipping migrations');

    return;
  }
  const applied = await migrate({ url, caFile: process.env.DATABASE_CA_FILE });
  logger.info({ applied }, 'migrations applied');
}

/** Generated values fill only what the environment leaves unset. */
function fillEnv(values: Record<string, string>): void {
  for (const [key, value] of Object.entries(values)) {
    process.env[key] ??= value;
  }
}

function parseEnvOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function runSeed(): Promise<void> {
  const seed = path.join(root, 'scripts/seed.ts');
  if (!existsSync(seed)) {
    logger.info('no scripts/seed.ts yet; skipping the demo seed');

    return;
  }
  await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', seed], 'seed');
}

async function buildIfNeeded(): Promise<void> {
  const distDir = path.join(root, process.env.NEXT_DIST_DIR || '.next');
  if (!args.has('--build') && existsSync(path.join(distDir, 'BUILD_ID'))) {
    logger.info({ distDir }, 'using the existing build (pass --build to rebuild)');

    return;
  }
  logger.info('building the app (next build)');
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  await run(process.execPath, [nextBin, 'build'], 'next build');
}

function run(command: string, argv: string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: root, env: process.env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
      }
    });
  });
}

interface DemoAccount {
  email?: string;
  password?: string;
  role?: string;
  practice?: string;
}

async function printWelcome(env: Env): Promise<void> {
  const lines = ['', `  VetLoop is running at ${env.APP_ORIGIN}`];
  if (running.db) {
    lines.push(`  Data, certificate and secrets: ${dataDir}`);
  }
  const accounts = await readDemoAccounts();
  if (accounts.length > 0) {
    lines.push('', '  Demo sign-ins:');
    for (const a of accounts) {
      const where = [a.role, a.practice].filter(Boolean).join(', ');
      lines.push(`    ${a.email ?? '?'}  /  ${a.password ?? '?'}${where ? `   (${where})` : ''}`);
    }
  }
  const intake = await readDemoFile<{ practice?: string; url?: string }>('demo-intake-links.json');
  if (intake.length > 0) {
    lines.push('', '  Referring-vet intake links (open one in a private window):');
    for (const link of intake) lines.push(`    ${link.practice ?? '?'}: ${link.url ?? '?'}`);
  }
  lines.push('', '  Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
}

async function readDemoAccounts(): Promise<DemoAccount[]> {
  return readDemoFile<DemoAccount>('demo-accounts.json');
}

async function readDemoFile<T extends object>(name: string): Promise<T[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dataDir, name), 'utf8'));

    return Array.isArray(parsed)
      ? parsed.filter((a): a is T => typeof a === 'object' && a !== null)
      : [];
  } catch {
    return [];
  }
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) {
    return;
  }
  stopping = true;
  logger.info('stopping');
  await running.app
    ?.close()
    .catch((error: unknown) => logger.error({ err: error }, 'gateway close'));
  await running.cluster
    ?.close()
    .catch((error: unknown) => logger.error({ err: error }, 'cluster close'));
  await running.db?.stop().catch((error: unknown) => logger.error({ err: error }, 'postgres stop'));
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'VetLoop failed to start');
  process.stderr.write(
    `\nVetLoop did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await shutdown(1);
});
