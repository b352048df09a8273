/**
 * What the resilience run owns, and nothing it shares: an embedded PostgreSQL 18 in
 * .data/resilience (fresh each run, TLS 1.3 as `npm start` runs it) that it can stop and
 * start, a throwaway redis-server (never the machine's one on 6379) that it can kill, and
 * a small tmpfs under the documents folder that it can fill. Loopback only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

import { ensureLocalCertificate } from '@/lib/platform/certificates';
import {
  provisionEmbeddedDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
  type EmbeddedPostgresOptions,
} from '@/lib/platform/embedded-postgres';
import { LOCAL_DATABASE } from '@/lib/platform/local-stack';
import { ensureLocalSecrets } from '@/lib/platform/secrets';

export const RESILIENCE_DIR = path.resolve(
  process.env.RESILIENCE_DATA_DIR ?? path.join(process.cwd(), '.data/resilience'),
);
/** Enough for every upload of the run; the disk fault fills the rest. */
const DOCUMENTS_TMPFS_SIZE = '48m';

export interface Stack {
  dir: string;
  documentsDir: string;
  /** Whether documentsDir is the run's own tmpfs (the disk fault needs it). */
  documentsOnTmpfs: boolean;
  /** The app's environment. */
  env: NodeJS.ProcessEnv;
  origin: string;
  caFile: string;
  /** Superuser on the app's database (bypasses row-level security: checks only). */
  superuserDbUrl: string;
  ownerDbUrl: string;
  postgres: { stop(): Promise<void>; start(): Promise<void>; readonly running: boolean };
  redis: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startStack(options: { poolMax: number }): Promise<Stack> {
  const dir = RESILIENCE_DIR;
  await unmountDocuments(path.join(dir, 'documents'));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const [pgPort, appPort, redisPort] = [await freePort(), await freePort(), await freePort()];

  const secrets = await ensureLocalSecrets(dir);
  const certificate = await ensureLocalCertificate(path.join(dir, 'certs'));
  const pgOptions: EmbeddedPostgresOptions = {
    dataDir: dir,
    port: pgPort,
    database: LOCAL_DATABASE,
    secrets,
    certificate,
  };
  let db: EmbeddedDatabase | undefined = await startEmbeddedPostgres(pgOptions);
  await provisionEmbeddedDatabase(db, { database: LOCAL_DATABASE, secrets });
  const first = db;

  const redis = await startRedis(redisPort);
  const documentsDir = path.join(dir, 'documents');
  const documentsOnTmpfs = await mountDocuments(documentsDir);

  const onDatabase = (url: string) => {
    const u = new URL(url);
    u.pathname = `/${LOCAL_DATABASE}`;

    return u.toString();
  };
  const origin = `https://localhost:${appPort}`;

  return {
    dir,
    documentsDir,
    documentsOnTmpfs,
    origin,
    caFile: first.caFile,
    superuserDbUrl: onDatabase(first.superuserUrl),
    ownerDbUrl: first.ownerUrl,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: '.next-resilience',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'info',
      DATA_DIR: dir,
      DATABASE_URL: first.appUrl,
      MIGRATION_DATABASE_URL: first.ownerUrl,
      DATABASE_CA_FILE: first.caFile,
      DATABASE_POOL_MAX: String(options.poolMax),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
      HOST: '127.0.0.1',
      PORT: String(appPort),
      APP_ORIGIN: origin,
      SESSION_SECRET: secrets.SESSION_SECRET,
      JWT_KEYS: JSON.stringify(secrets.JWT_KEYS),
      DOCUMENT_MASTER_KEY: secrets.DOCUMENT_MASTER_KEY,
      DOCUMENT_STORAGE: 'local',
    },
    postgres: {
      get running() {
        return db !== undefined;
      },
      async stop() {
        await db?.stop();
        db = undefined;
      },
      async start() {
        db ??= await startEmbeddedPostgres(pgOptions);
      },
    },
    redis,
    async stop() {
      await redis.stop();
      await db?.stop();
      db = undefined;
      if (documentsOnTmpfs) await unmountDocuments(documentsDir);
    },
  };
}

/** redis-server on its own port, no persistence; killed outright to fake an outage. */
async function startRedis(port: number): Promise<Stack['redis']> {
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    const spawned = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child = spawned;
    spawned.once('exit', () => {
      if (child === spawned) child = undefined;
    });
    await waitForPort(port, 5_000);
  };
  await start();

  return {
    start,
    async stop() {
      const running = child;
      if (!running) return;
      child = undefined;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

/** A tmpfs of a few MB (root only); false when it cannot be mounted. */
async function mountDocuments(dir: string): Promise<boolean> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    execFileSync(
      'mount',
      ['-t', 'tmpfs', '-o', `size=${DOCUMENTS_TMPFS_SIZE},mode=0700`, 'tmpfs', dir],
      {
        stdio: 'ignore',
      },
    );

    return true;
  } catch {
    return false;
  }
}

async function unmountDocuments(dir: string): Promise<void> {
  try {
    execFileSync('mountpoint', ['-q', dir], { stdio: 'ignore' });
  } catch {
    return;
  }
  execFileSync('umount', [dir], { stdio: 'ignore' });
}
