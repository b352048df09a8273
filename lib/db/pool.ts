import 'server-only';

import pg from 'pg';

import { getEnv } from '@/lib/env';
import { reportOutage } from '@/lib/log/report-outage';

import { buildPoolConfig } from './connection-config';
import { isUnavailableNode } from './database-unavailable';

const globalForPool = globalThis as unknown as { vetloopPool?: pg.Pool };

/** The app role's pool, shared by Prisma and the few raw queries. */
export function getPool(): pg.Pool {
  if (!globalForPool.vetloopPool) {
    const env = getEnv();
    const pool = new pg.Pool(
      buildPoolConfig({
        url: env.DATABASE_URL,
        caFile: env.DATABASE_CA_FILE,
        max: env.DATABASE_POOL_MAX,
      }),
    );
    // An idle client whose server went away (a restart) emits 'error' on the pool; with no
    // listener Node would end the process. The pool drops that client and makes new ones.
    pool.on('error', (error) => reportOutage('database', error, isUnavailableNode));
    globalForPool.vetloopPool = pool;
  }

  return globalForPool.vetloopPool;
}
