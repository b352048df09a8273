/**
 * The floor: a bare Node HTTPS server (same certificate, same pg pool settings as the
 * app) that runs the statements listReferrals issues for the benchmark's filter
 * (`?status=received`, priority order, 25 rows) and returns them as JSON. Nothing else:
 * no Next, no session lookup, no JWT, no rate limit, no zod. Two routes:
 *   /plain  as the superuser (row-level security bypassed), practice filter in the SQL;
 *   /rls    as vetloop_app, in a transaction with the practice set, as withPractice does.
 * The difference between them is the cost of row-level security itself.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';

import pg from 'pg';

import { buildPoolConfig } from '@/lib/db/connection-config';

const RANK = `(CASE r.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END)`;

// Copied from the statements lib/referrals/list-referrals.ts sends (status filter only).
const LIST_SQL = `
  SELECT r.id, r.reference, r.status, r.urgency, r.service, r.patient_name AS "patientName",
    r.species, r.owner_name AS "ownerName", v.name AS "vetName", c.id AS "clinicId",
    c.name AS "clinicName", r.assignee_user_id AS "assigneeUserId", u.name AS "assigneeName",
    r.created_at AS "createdAt", r.status_changed_at AS "statusChangedAt",
    r.scheduled_at AS "scheduledAt", ${RANK}::int AS rank,
    to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS "sortAt",
    (SELECT count(*)::int FROM messages m
      WHERE m.practice_id = r.practice_id AND m.referral_id = r.id
        AND m.author_id IS DISTINCT FROM $2::uuid
        AND NOT EXISTS (SELECT 1 FROM message_reads mr
          WHERE mr.practice_id = m.practice_id AND mr.message_id = m.id
            AND mr.reader_type = 'user' AND mr.reader_id = $2::uuid)) AS unread
  FROM referrals r
  JOIN referring_vets v ON v.practice_id = r.practice_id AND v.id = r.referring_vet_id
  JOIN referring_clinics c ON c.practice_id = r.practice_id AND c.id = r.referring_clinic_id
  LEFT JOIN users u ON u.id = r.assignee_user_id
  WHERE r.practice_id = $1::uuid AND r.status IN ($3) AND TRUE
  ORDER BY ${RANK} ASC, r.created_at DESC, r.id DESC
  LIMIT $4`;

const COUNT_SQL = `
  SELECT r.status, count(*)::int AS count
  FROM referrals r
  WHERE r.practice_id = $1::uuid
  GROUP BY r.status`;

const PRACTICE_SQL = `SELECT id, timezone, settings FROM practices WHERE id = $1::uuid LIMIT 1`;

type Mode = 'plain' | 'rls';

async function listReferrals(pool: pg.Pool, mode: Mode, practiceId: string, userId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (mode === 'rls') {
      await client.query(
        `SELECT set_config('app.practice_id', $1, true), set_config('app.user_id', $2, true)`,
        [practiceId, userId],
      );
    }
    const rows = await client.query(LIST_SQL, [practiceId, userId, 'received', 26]);
    const counts = await client.query(COUNT_SQL, [practiceId]);
    const practice = await client.query(PRACTICE_SQL, [practiceId]);
    await client.query('COMMIT');

    return {
      data: rows.rows.slice(0, 25),
      countsByStatus: Object.fromEntries(counts.rows.map((c) => [c.status, c.count])),
      timeZone: practice.rows[0]?.timezone ?? null,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function poolFor(url: string): pg.Pool {
  return new pg.Pool(
    buildPoolConfig({
      url,
      caFile: process.env.DATABASE_CA_FILE,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      applicationName: 'vetloop-floor',
    }),
  );
}

const pools: Record<Mode, pg.Pool> = {
  plain: poolFor(process.env.FLOOR_SUPERUSER_URL!),
  rls: poolFor(process.env.DATABASE_URL!),
};

const server = https.createServer(
  {
    cert: readFileSync(process.env.TLS_CERT_FILE!),
    key: readFileSync(process.env.TLS_KEY_FILE!),
    minVersion: 'TLSv1.3',
  },
  (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const mode = url.pathname.slice(1) as Mode;
    const practiceId = url.searchParams.get('practice') ?? '';
    const userId = url.searchParams.get('user') ?? '';
    if (!(mode in pools)) {
      res.writeHead(404).end();

      return;
    }
    listReferrals(pools[mode], mode, practiceId, userId).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
      () => {
        res.writeHead(500).end();
      },
    );
  },
);

server.listen(Number(process.env.BENCH_FLOOR_PORT ?? 11444), '127.0.0.1', () => {
  process.stdout.write('bench floor ready\n');
});
process.once('SIGTERM', () => {
  server.close();
  void Promise.all([pools.plain.end(), pools.rls.end()]).finally(() => process.exit(0));
});
