import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { APP_ROLE, OWNER_ROLE, bootstrapDatabase } from '@/lib/db/bootstrap';
import { migrate } from '@/lib/db/migrate';

/** The cluster the tests use: the machine's Postgres unless TEST_PG_SUPERUSER_URL says otherwise. */
export const SUPERUSER_URL =
  process.env.TEST_PG_SUPERUSER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// Trust auth on the test cluster; the passwords matter only where scram is on.
export const TEST_PASSWORDS = { owner: 'vetloop-test-owner', app: 'vetloop-test-app' };

export function urlFor(role: string, password: string, database: string): string {
  const url = new URL(SUPERUSER_URL);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;

  return url.toString();
}

export function ownerUrl(database: string): string {
  return urlFor(OWNER_ROLE, TEST_PASSWORDS.owner, database);
}

export function appUrl(database: string): string {
  return urlFor(APP_ROLE, TEST_PASSWORDS.app, database);
}

async function withSuperuser<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SUPERUSER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Builds a migrated template database for this test run and returns its name. */
export async function createTemplateDatabase(): Promise<string> {
  const name = `vetloop_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  await bootstrapDatabase({
    superuser: { connectionString: SUPERUSER_URL },
    database: name,
    ownerPassword: TEST_PASSWORDS.owner,
    appPassword: TEST_PASSWORDS.app,
  });
  await migrate({ url: ownerUrl(name) });

  return name;
}

/** A fresh, migrated database cloned from the template (a file copy: milliseconds). */
export async function createDatabaseFromTemplate(template: string): Promise<string> {
  const name = `vetloop_t_${randomBytes(6).toString('hex')}`;
  await withSuperuser((c) =>
    c.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)} OWNER ${OWNER_ROLE}`,
    ),
  );
  await withSuperuser((c) =>
    c.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${pg.escapeIdentifier(name)} TO ${APP_ROLE}`),
  );

  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withSuperuser((c) =>
    c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
