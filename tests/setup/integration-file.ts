import { afterAll, inject } from 'vitest';

import { appUrl, createDatabaseFromTemplate, dropDatabase, ownerUrl } from '../helpers/postgres';

import { applyTestEnv } from './test-env';

// Each test file gets its own freshly migrated database, so files never share rows.
const database = await createDatabaseFromTemplate(inject('templateDatabase'));
applyTestEnv(appUrl(database), ownerUrl(database));

afterAll(async () => {
  const pools = globalThis as unknown as {
    vetloopPrisma?: { $disconnect(): Promise<void> };
    vetloopPool?: { end(): Promise<void> };
  };
  await pools.vetloopPrisma?.$disconnect();
  await pools.vetloopPool?.end();
  await dropDatabase(database);
});
