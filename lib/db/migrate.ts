import path from 'node:path';

import { runner } from 'node-pg-migrate';
import pg from 'pg';

import { buildPoolConfig, type ConnectionOptions } from './connection-config';

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'prisma/migrations');

interface MigrationLogger {
  info: (msg: string) => void;
  warn: (msg: string) => void;
  error: (msg: string) => void;
}

const quiet: MigrationLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Applies every pending SQL migration as the owner role, in one locked run. */
export async function migrate(
  connection: ConnectionOptions,
  logger: MigrationLogger = quiet,
): Promise<string[]> {
  const client = new pg.Client(buildPoolConfig(connection));
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      // Kept out of the app schema so that every table there is a tenant-guarded one.
      migrationsSchema: 'migrations',
      createMigrationsSchema: true,
      migrationsTable: 'schema_migrations',
      direction: 'up',
      count: Infinity,
      singleTransaction: true,
      checkOrder: true,
      useGlob: false,
      migrationLoaderStrategies: [{ extensions: ['.sql'], loader: 'sql' }],
      logger: { ...logger, debug: () => {} },
    } as Parameters<typeof runner>[0]);

    return applied.map((m) => m.name);
  } finally {
    await client.end();
  }
}
