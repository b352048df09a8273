import 'server-only';

import pg from 'pg';

import { getEnv } from '@/lib/env';

import { buildPoolConfig } from './connection-config';

const globalForPool = globalThis as unknown as { vetloopPool?: pg.Pool };

/** The app role's pool, shared by Prisma and the few raw queries. */
export function getPool(): pg.Pool {
  if (!globalForPool.vetloopPool) {
    const env = getEnv();
    globalForPool.vetloopPool = new pg.Pool(
      buildPoolConfig({
        url: env.DATABASE_URL,
        caFile: env.DATABASE_CA_FILE,
        max: env.DATABASE_POOL_MAX,
      }),
    );
  }

  return globalForPool.vetloopPool;
}
