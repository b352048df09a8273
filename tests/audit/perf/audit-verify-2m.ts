/**
 * Manual benchmark, not part of the suite: builds a throwaway database with 2,000,000
 * audit events over 4 practices (through the real chain trigger), then times
 * `npm run audit:verify` against it. Run: node --import tsx tests/audit/perf/audit-verify-2m.ts
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import pg from 'pg';

import {
  createTemplateDatabase,
  dropDatabase,
  ownerUrl,
  SUPERUSER_URL,
} from '../../helpers/postgres';

const TOTAL = Number(process.env.EVENTS ?? 2_000_000);
const PRACTICES = 4;

async function main() {
  const database = await createTemplateDatabase();
  const url = new URL(SUPERUSER_URL);
  url.pathname = `/${database}`;
  const su = new pg.Client({ connectionString: url.toString() });
  await su.connect();
  try {
    await su.query(`
      CREATE PROCEDURE bench_fill(p uuid, n int) LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('app.practice_id', p::text, false);
        FOR i IN 1..(n / 100) LOOP
          INSERT INTO audit_events (practice_id, seq, actor_type, actor_id, actor_label, action,
            entity_type, entity_id, changes, metadata, request_id, ip, user_agent, session_id)
          SELECT p, 0, 'user', gen_random_uuid(), 'Dr Bench', 'referral.status_changed',
            'referral', gen_random_uuid()::text,
            jsonb_build_object('status', jsonb_build_object('from', 'submitted', 'to', 'received')),
            jsonb_build_object('via', 'inbox', 'n', g), 'req-' || g, '203.0.113.7',
            'Mozilla/5.0 (X11; Linux x86_64) bench', gen_random_uuid()
          FROM generate_series(1, 100) g;
          COMMIT;
        END LOOP;
      END $$`);
    const fillStart = performance.now();
    for (let i = 0; i < PRACTICES; i += 1) {
      const id = randomUUID();
      await su.query("SELECT set_config('app.practice_id', $1, false)", [id]);
      await su.query('INSERT INTO practices (id, name, slug) VALUES ($1, $2, $3)', [
        id,
        `Bench ${i}`,
        `bench-${i}-${id.slice(0, 6)}`,
      ]);
      await su.query('CALL bench_fill($1, $2)', [id, TOTAL / PRACTICES]);
    }
    console.log(
      `filled ${TOTAL} events in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
    );
    await su.query('VACUUM ANALYZE audit_events');

    const started = performance.now();
    const out = execFileSync('node', ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env, MIGRATION_DATABASE_URL: ownerUrl(database) },
      encoding: 'utf8',
    });
    console.log(out.trim());
    console.log(`audit:verify wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await su.end();
    if (process.env.KEEP) console.log(`kept database ${database}`);
    else await dropDatabase(database);
  }
}

await main();
