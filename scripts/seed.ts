// Seeds the demo into the database named by the environment, then writes the demo
// sign-ins to <DATA_DIR>/demo-accounts.json for `npm start` to print. Idempotent.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { seedDemo } from '@/lib/seed/seed-demo';

const env = getEnv();
const { accounts, intakeLinks } = await seedDemo();
await writeFile(path.join(env.DATA_DIR, 'demo-accounts.json'), JSON.stringify(accounts, null, 2), {
  mode: 0o600,
});
// Intake URLs exist only at creation (the database keeps their hashes), so keep the first
// run's file; rotating a link in Settings → Links issues a new one.
if (intakeLinks.length > 0) {
  await writeFile(
    path.join(env.DATA_DIR, 'demo-intake-links.json'),
    JSON.stringify(intakeLinks, null, 2),
    { mode: 0o600 },
  );
}
logger.info({ accounts: accounts.length }, 'demo seed complete');
process.exit(0);
