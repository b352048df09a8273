/**
 * `npm run audit:verify`: walks every practice's audit hash chain and reports the first
 * broken link of each (an altered, removed or reordered event). Exits 1 on any break,
 * 2 when it could not check at all. Connects as the owner role: MIGRATION_DATABASE_URL
 * (with DATABASE_CA_FILE), or the embedded database of `npm start` in DATA_DIR.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { verifyAuditChains } from '@/lib/audit/verify-chain';
import { buildPoolConfig, type ConnectionOptions } from '@/lib/db/connection-config';

// Practices are checked side by side, one per connection (the hashing runs in Postgres).
const CONNECTIONS = Math.max(1, Math.min(8, Number(process.env.AUDIT_VERIFY_CONNECTIONS ?? 2)));

function ownerConnection(): ConnectionOptions {
  if (process.env.MIGRATION_DATABASE_URL) {
    return { url: process.env.MIGRATION_DATABASE_URL, caFile: process.env.DATABASE_CA_FILE };
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const secretsFile = path.join(dataDir, 'secrets.json');
  if (!existsSync(secretsFile)) {
    throw new Error(
      'Set MIGRATION_DATABASE_URL, or run `npm start` once to create the local database.',
    );
  }
  const { ownerPassword } = JSON.parse(readFileSync(secretsFile, 'utf8')) as {
    ownerPassword: string;
  };
  const port = process.env.EMBEDDED_PG_PORT ?? '55432';

  return {
    url: `postgres://vetloop_owner:${encodeURIComponent(ownerPassword)}@127.0.0.1:${port}/vetloop`,
    caFile: path.join(dataDir, 'certs', 'localhost.crt'),
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  const config = buildPoolConfig({ ...ownerConnection(), applicationName: 'audit-verify' });
  const clients = Array.from({ length: CONNECTIONS }, () => new pg.Client(config));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const reports = await verifyAuditChains(clients);
    let events = 0;
    let broken = 0;
    for (const report of reports) {
      events += report.events;
      if (report.break) {
        broken += 1;
        const { seq, kind, detail } = report.break;
        console.log(
          `BROKEN  practice ${report.practiceId}: first break at seq ${seq} (${kind}): ${detail}`,
        );
      } else {
        console.log(`ok      practice ${report.practiceId}: ${report.events} events`);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${reports.length} practices, ${events} events checked in ${seconds} s; ` +
        (broken === 0 ? 'every chain is intact.' : `${broken} chain(s) broken.`),
    );

    return broken === 0 ? 0 : 1;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  },
);
