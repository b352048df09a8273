/**
 * `npm run documents:rewrap`: after rotating DOCUMENT_MASTER_KEY (the old key moved to
 * DOCUMENT_PREVIOUS_MASTER_KEYS), re-wraps every document's data key under the new
 * master key, practice by practice. File bodies are not read or rewritten. Safe to run
 * again; once it reports 0 everywhere, the old key can be removed from the environment.
 *
 * Practices are listed as the owner role (MIGRATION_DATABASE_URL) through
 * auth.document_practice_ids(); the re-wrap itself runs as the app role under each
 * practice's row-level security, like any other write, and is audited.
 */
import pg from 'pg';

import { buildPoolConfig } from '@/lib/db/connection-config';
import { rewrapDocumentKeys } from '@/lib/documents/rewrap-document-keys';
import { getEnv } from '@/lib/env';

const env = getEnv();
if (!env.MIGRATION_DATABASE_URL) {
  console.error('Set MIGRATION_DATABASE_URL (the owner role) to list practices.');
  process.exit(2);
}

const owner = new pg.Client(
  buildPoolConfig({ url: env.MIGRATION_DATABASE_URL, caFile: env.DATABASE_CA_FILE }),
);
await owner.connect();
const { rows } = await owner.query<{ id: string }>('SELECT auth.document_practice_ids() AS id');
await owner.end();

let total = 0;
for (const { id } of rows) {
  const count = await rewrapDocumentKeys({
    practiceId: id,
    actor: { type: 'system', label: 'documents:rewrap' },
    request: { requestId: `rewrap-${Date.now()}`, ip: null, userAgent: null },
  });
  total += count;
  console.log(`practice ${id}: ${count} data key(s) re-wrapped`);
}
console.log(`done: ${total} data key(s) re-wrapped across ${rows.length} practice(s)`);
process.exit(0);
