import 'server-only';

import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from '@/lib/generated/prisma/client';

import { getPool } from './pool';

const globalForPrisma = globalThis as unknown as { vetloopPrisma?: PrismaClient };

/**
 * The root client. Application code never queries through it directly: every tenant
 * query goes through withPractice(), which is why this module is not exported from
 * lib/db/index.ts.
 */
export function getRootClient(): PrismaClient {
  globalForPrisma.vetloopPrisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });

  return globalForPrisma.vetloopPrisma;
}
