/**
 * Who the load signs in as and what it works on. Sessions are minted with the app's own
 * createSession (one transaction per practice), as signing in would leave them; the
 * cookie holds the token exactly as the browser would send it. The rate limits are per
 * session (300 reads and 60 writes a minute), so the load spreads over many sessions, as
 * a hospital's traffic spreads over many people.
 */
import { readFile } from 'node:fs/promises';

import pg from 'pg';

import { SESSION_COOKIE } from '@/lib/auth/session-policy';

export interface BenchSession {
  practiceId: string;
  userId: string;
  cookie: string;
}

export interface PracticeFixture {
  practiceId: string;
  clinicianId: string;
  sessions: BenchSession[];
  /** Any referrals, for pages and messages. */
  referrals: string[];
  /** Referrals in `received`, each used once by the status-change scenario. */
  received: string[];
}

export async function superuserClient(url: string, caFile: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    ssl: { ca: await readFile(caFile, 'utf8'), rejectUnauthorized: true },
  });
  await client.connect();

  return client;
}

export async function loadFixtures(
  su: pg.Client,
  totalSessions: number,
): Promise<PracticeFixture[]> {
  const { rows } = await su.query<{ id: string; clinician: string }>(
    `SELECT p.id, (SELECT m.user_id FROM memberships m WHERE m.practice_id = p.id
                     AND m.role = 'clinician' ORDER BY m.user_id LIMIT 1) AS clinician
       FROM practices p WHERE p.slug LIKE 'bench-%' ORDER BY p.slug`,
  );
  const perPractice = Math.ceil(totalSessions / rows.length);
  const fixtures: PracticeFixture[] = [];
  for (const p of rows) {
    const referrals = await su.query<{ id: string }>(
      `SELECT id FROM referrals WHERE practice_id = $1 ORDER BY md5(id::text) LIMIT 500`,
      [p.id],
    );
    const received = await su.query<{ id: string }>(
      `SELECT id FROM referrals WHERE practice_id = $1 AND status = 'received'
        ORDER BY md5(id::text) LIMIT 20000`,
      [p.id],
    );
    fixtures.push({
      practiceId: p.id,
      clinicianId: p.clinician,
      sessions: await mintSessions(p.id, p.clinician, perPractice),
      referrals: referrals.rows.map((r) => r.id),
      received: received.rows.map((r) => r.id),
    });
  }

  return fixtures;
}

async function mintSessions(practiceId: string, userId: string, count: number) {
  // Loaded late: these read the environment the runner has just filled in.
  const { withPractice } = await import('@/lib/db/with-practice');
  const { createSession } = await import('@/lib/auth/create-session');
  const request = { requestId: 'bench', ip: '127.0.0.1', userAgent: 'VetLoop bench' };

  return withPractice(
    practiceId,
    async (db) => {
      const sessions: BenchSession[] = [];
      for (let i = 0; i < count; i += 1) {
        const { token } = await createSession(db, {
          practiceId,
          userId,
          pendingMfa: false,
          mfaVerified: true,
          request,
        });
        sessions.push({ practiceId, userId, cookie: `${SESSION_COOKIE}=${token}` });
      }

      return sessions;
    },
    { userId, timeout: 120_000 },
  );
}

/** Documents uploaded by the load (the seeded rows have no stored body to download). */
export async function uploadedDocuments(su: pg.Client) {
  const { rows } = await su.query<{ practice_id: string; referral_id: string; id: string }>(
    `SELECT practice_id, referral_id, id FROM documents WHERE uploaded_by_type = 'user'
      ORDER BY created_at DESC LIMIT 500`,
  );

  return rows.map((r) => ({ practiceId: r.practice_id, referralId: r.referral_id, id: r.id }));
}

/** One public intake link per practice (at most `count`), minted like the settings page does. */
export async function mintIntakeLinks(practices: PracticeFixture[], count: number) {
  const { withPractice } = await import('@/lib/db/with-practice');
  const { rotateIntakeLink } = await import('@/lib/links/rotate-intake-link');
  const urls: string[] = [];
  for (const p of practices.slice(0, count)) {
    const ctx = {
      practiceId: p.practiceId,
      actor: { type: 'system' as const, label: 'bench' },
      request: { requestId: 'bench', ip: null, userAgent: 'VetLoop bench' },
    };
    const link = await withPractice(p.practiceId, (db) => rotateIntakeLink(db, ctx));
    urls.push(link.intakeUrl);
  }

  return urls;
}

/** Referrals the intake scenario created (its patients are all called Pickle). */
export async function countIntakeReferrals(su: pg.Client, since: Date): Promise<number> {
  const { rows } = await su.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM referrals WHERE patient_name LIKE 'Pickle %' AND created_at >= $1`,
    [since],
  );

  return rows[0]!.n;
}
