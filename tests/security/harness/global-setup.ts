/**
 * The security project's globalSetup: builds the app into .next-security when its sources
 * changed, creates and migrates a database on the machine's Postgres, seeds two
 * practices and the suite's fixtures, starts the real HTTPS app on SECURITY_PORT
 * (10443) with Redis behind the rate limits, signs in through the form, and provides
 * all of it to the test files. Everything is stopped and dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { APP_ROLE, OWNER_ROLE, bootstrapDatabase } from '@/lib/db/bootstrap';
import { migrate } from '@/lib/db/migrate';
import { ensureLocalCertificate } from '@/lib/platform/certificates';

import { SUPERUSER_URL, TEST_PASSWORDS, dropDatabase, urlFor } from '../../helpers/postgres';

import type { SecurityContext, SecurityFixtures } from './fixtures';
import { trustCertificate } from './http';
import { signInThroughForm } from './sign-in';

declare module 'vitest' {
  export interface ProvidedContext {
    security: SecurityContext;
  }
}

const root = path.resolve(import.meta.dirname, '../../..');
const DIST = process.env.SECURITY_DIST_DIR ?? '.next-security';
const PORT = Number(process.env.SECURITY_PORT ?? 10443);

function newestMtime(target: string): number {
  const full = path.join(root, target);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;

  return readdirSync(full).reduce(
    (max, name) =>
      name === 'generated' ? max : Math.max(max, newestMtime(path.join(target, name))),
    stat.mtimeMs,
  );
}

function run(args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited ${code}`)),
    );
  });
}

async function buildIfStale(): Promise<void> {
  const buildId = path.join(root, DIST, 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = ['app', 'lib', 'components', 'proxy.ts', 'next.config.js', 'package-lock.json'];
  if (built > Math.max(...sources.map(newestMtime)) || process.env.SECURITY_NO_BUILD === '1')
    return;
  await run(
    [path.join(root, 'node_modules/next/dist/bin/next'), 'build'],
    { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' },
    'next build',
  );
}

function startApp(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/security/harness/serve.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('app did not start within 60 s')), 60_000);
    child.on('exit', (code) => reject(new Error(`app exited ${code} before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}

function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function appEnvironment(database: string, dataDir: string) {
  const cert = await ensureLocalCertificate(path.join(dataDir, 'certs'));
  const jwtKeys = [
    { kid: `sec-${randomBytes(3).toString('hex')}`, secret: randomBytes(32).toString('hex') },
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: process.env.SECURITY_LOG_LEVEL ?? 'fatal',
    DATA_DIR: dataDir,
    DATABASE_URL: urlFor(APP_ROLE, TEST_PASSWORDS.app, database),
    MIGRATION_DATABASE_URL: urlFor(OWNER_ROLE, TEST_PASSWORDS.owner, database),
    REDIS_URL: process.env.SECURITY_REDIS_URL ?? 'redis://127.0.0.1:6379',
    HOST: '127.0.0.1',
    PORT: String(PORT),
    APP_ORIGIN: `https://localhost:${PORT}`,
    TLS_CERT_FILE: cert.certFile,
    TLS_KEY_FILE: cert.keyFile,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    JWT_KEYS: JSON.stringify(jwtKeys),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  };

  return { env, jwtKeys, certPem: await readFile(cert.certFile, 'utf8') };
}

async function signInBoth(
  baseUrl: string,
  fixtures: SecurityFixtures,
): Promise<SecurityContext['signedIn']> {
  const owner = (practice: string) =>
    fixtures.accounts.find((a) => a.role === 'owner' && a.practice === practice)!;
  const names = [...new Set(fixtures.accounts.map((a) => a.practice))];
  try {
    const a = await signInThroughForm(baseUrl, owner(names[0]!).email, owner(names[0]!).password);
    const b = await signInThroughForm(baseUrl, owner(names[1]!).email, owner(names[1]!).password);

    return { a: a.cookie, b: b.cookie, setCookie: a.setCookie, error: null };
  } catch (error) {
    return {
      a: null,
      b: null,
      setCookie: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildIfStale();
  const database = `vetloop_sec_${process.pid}_${randomBytes(3).toString('hex')}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetloop-security-'));
  const cleanup: Array<() => Promise<unknown>> = [
    () => rm(dataDir, { recursive: true, force: true }),
    () => dropDatabase(database),
  ];
  const teardown = async () => {
    for (const step of cleanup)
      await step().catch((e: unknown) => console.error('security teardown:', e));
  };
  try {
    await bootstrapDatabase({
      superuser: { connectionString: SUPERUSER_URL },
      database,
      ownerPassword: TEST_PASSWORDS.owner,
      appPassword: TEST_PASSWORDS.app,
    });
    await migrate({ url: urlFor(OWNER_ROLE, TEST_PASSWORDS.owner, database) });
    const { env, jwtKeys, certPem } = await appEnvironment(database, dataDir);
    trustCertificate(certPem);

    const out = path.join(dataDir, 'fixtures.json');
    await run(
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        'tests/security/harness/seed-fixtures.ts',
        out,
      ],
      env,
      'seed',
    );
    const fixtures = JSON.parse(await readFile(out, 'utf8')) as SecurityFixtures;

    const app = await startApp(env);
    cleanup.unshift(() => stopApp(app));
    const baseUrl = env.APP_ORIGIN!;
    const superuser = new URL(SUPERUSER_URL);
    superuser.pathname = `/${database}`;
    project.provide('security', {
      baseUrl,
      distDir: path.join(root, DIST),
      certPem,
      superuserDbUrl: superuser.toString(),
      jwtKeys,
      fixtures,
      signedIn: await signInBoth(baseUrl, fixtures),
    });
  } catch (error) {
    await teardown();
    throw error;
  }

  return teardown;
}
