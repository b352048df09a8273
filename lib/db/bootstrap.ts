import pg from 'pg';

export const OWNER_ROLE = 'vetloop_owner';
export const APP_ROLE = 'vetloop_app';
export const AUTH_ROLE = 'vetloop_auth';

export interface BootstrapOptions {
  /** A superuser connection to the cluster's maintenance database. */
  superuser: pg.ClientConfig;
  database: string;
  ownerPassword: string;
  appPassword: string;
}

/**
 * Creates the cluster-wide roles and the database, idempotently. Runs once per cluster
 * with a superuser (the embedded default, tests); for a managed Postgres, README shows
 * the same statements for an administrator to run.
 *
 * - vetloop_owner owns the schema and runs migrations; row-level security is FORCED on
 *   every table, so even it sees no tenant rows without a practice set.
 * - vetloop_app is what the app logs in as: owns nothing, NOBYPASSRLS, short timeouts.
 * - vetloop_auth cannot log in; it owns the few SECURITY DEFINER functions that must
 *   read before a practice is known (signing in), and has its own narrow policies.
 */
export async function bootstrapDatabase(options: BootstrapOptions): Promise<void> {
  const client = new pg.Client(options.superuser);
  await client.connect();
  try {
    await ensureRole(
      client,
      OWNER_ROLE,
      options.ownerPassword,
      'LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS',
    );
    await ensureRole(
      client,
      APP_ROLE,
      options.appPassword,
      'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS',
    );
    await ensureRole(
      client,
      AUTH_ROLE,
      null,
      'NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS',
    );
    await client.query(`GRANT ${AUTH_ROLE} TO ${OWNER_ROLE}`);
    await client.query(`ALTER ROLE ${APP_ROLE} SET statement_timeout = '15s'`);
    await client.query(`ALTER ROLE ${APP_ROLE} SET idle_in_transaction_session_timeout = '30s'`);
    await client.query(`ALTER ROLE ${APP_ROLE} SET lock_timeout = '5s'`);

    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (exists.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${pg.escapeIdentifier(options.database)} OWNER ${OWNER_ROLE}`,
      );
    }
    await client.query(
      `REVOKE ALL ON DATABASE ${pg.escapeIdentifier(options.database)} FROM PUBLIC`,
    );
    await client.query(
      `GRANT CONNECT, TEMPORARY ON DATABASE ${pg.escapeIdentifier(options.database)} TO ${APP_ROLE}`,
    );
  } finally {
    await client.end();
  }
}

async function ensureRole(
  client: pg.Client,
  role: string,
  password: string | null,
  attributes: string,
): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
  // DDL cannot take bind parameters; the password is quoted as a literal by pg itself.
  const pw = password === null ? '' : ` PASSWORD ${pg.escapeLiteral(password)}`;
  await client.query(`${verb} ROLE ${role} WITH ${attributes}${pw}`);
}
