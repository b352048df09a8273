import { readFileSync } from 'node:fs';
import path from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPoolConfig } from '@/lib/db/connection-config';
import { ensureLocalCertificate } from '@/lib/platform/certificates';
import {
  provisionEmbeddedDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@/lib/platform/embedded-postgres';
import { ensureLocalSecrets, type LocalSecrets } from '@/lib/platform/secrets';

import { freePort, makeTempDir } from './helpers';

const DATABASE = 'vetloop';

let scratch: Awaited<ReturnType<typeof makeTempDir>>;
let secrets: LocalSecrets;
let db: EmbeddedDatabase;
let port: number;

async function start(): Promise<EmbeddedDatabase> {
  const certificate = await ensureLocalCertificate(path.join(scratch.dir, 'certs'));

  return startEmbeddedPostgres({
    dataDir: scratch.dir,
    port,
    database: DATABASE,
    secrets,
    certificate,
  });
}

async function query(config: pg.ClientConfig, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client(config);
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  scratch = await makeTempDir('pg');
  secrets = await ensureLocalSecrets(scratch.dir);
  port = await freePort();
  db = await start();
  await provisionEmbeddedDatabase(db, { database: DATABASE, secrets });
});

afterAll(async () => {
  await db?.stop();
  await scratch?.remove();
});

describe('embedded postgres', () => {
  it('serves the app role over TLS 1.3 with the certificate verified', async () => {
    const result = await query(
      buildPoolConfig({ url: db.appUrl, caFile: db.caFile }),
      'SELECT ssl, version, current_user AS role FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );

    expect(result.rows).toEqual([{ ssl: true, version: 'TLSv1.3', role: 'vetloop_app' }]);
  });

  it('refuses a TCP connection without TLS', async () => {
    await expect(query({ connectionString: db.appUrl, ssl: false }, 'SELECT 1')).rejects.toThrow(
      /pg_hba\.conf rejects connection .* no encryption/,
    );
  });

  it('refuses a client that offers at most TLS 1.2', async () => {
    const config = buildPoolConfig({ url: db.appUrl, caFile: db.caFile });
    config.ssl = {
      ca: readFileSync(db.caFile, 'utf8'),
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
    };

    await expect(query(config, 'SELECT 1')).rejects.toThrow(/protocol version|alert/i);
  });

  it('fails verification for a client that trusts another CA', async () => {
    const other = await ensureLocalCertificate(path.join(scratch.dir, 'other-ca'));

    await expect(
      query(buildPoolConfig({ url: db.appUrl, caFile: other.certFile }), 'SELECT 1'),
    ).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });

  it('keeps the app role away from DDL', async () => {
    await expect(
      query(
        buildPoolConfig({ url: db.appUrl, caFile: db.caFile }),
        'CREATE TABLE intruder (id int)',
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('reuses its data, certificate and secrets on a second start', async () => {
    const certBefore = readFileSync(db.caFile, 'utf8');
    await db.stop();

    expect(await ensureLocalSecrets(scratch.dir)).toEqual(secrets);
    db = await start();
    const applied = await provisionEmbeddedDatabase(db, { database: DATABASE, secrets });

    expect(applied).toEqual([]);
    expect(readFileSync(db.caFile, 'utf8')).toBe(certBefore);
    const migrations = await query(
      buildPoolConfig({ url: db.ownerUrl, caFile: db.caFile }),
      "SELECT count(*)::int AS n FROM pg_class WHERE relname = 'schema_migrations'",
    );
    expect(migrations.rows[0].n).toBeGreaterThan(0);
  });
});
