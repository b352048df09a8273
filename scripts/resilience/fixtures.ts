/**
 * The small data set the run works on: the demo seed (two practices, a user of every
 * role), then per practice a few dozen referrals in Received, sessions for its clinician
 * (the write limit is 60 a minute per session, so the load spreads over many, as a
 * hospital's traffic spreads over many people) and one API key for the token exchange.
 * Everything goes through the app's own domain operations.
 */
import { spawn } from 'node:child_process';

import pg from 'pg';

import type { Stack } from './stack';

export interface PracticeFixture {
  practiceId: string;
  clinicianId: string;
  cookies: string[];
  referrals: string[];
}

export interface Fixtures {
  practices: PracticeFixture[];
  /** An admin's API key secret, for POST /api/v1/token (a fail-closed rate limit tier). */
  apiKey: string;
}

const REFERRALS_PER_PRACTICE = 24;
const SESSIONS_PER_PRACTICE = 40;
const SEED_REQUEST = { requestId: 'resilience-seed', ip: '127.0.0.1', userAgent: 'resilience' };

export async function seedFixtures(stack: Stack): Promise<Fixtures> {
  await runDemoSeed(stack);
  const members = await loadMembers(stack);
  const practices: PracticeFixture[] = [];
  for (const m of members) {
    practices.push({
      practiceId: m.practiceId,
      clinicianId: m.clinicianId,
      referrals: await createReceivedReferrals(m.practiceId),
      cookies: await mintSessions(m.practiceId, m.clinicianId, SESSIONS_PER_PRACTICE),
    });
  }
  const first = members[0]!;

  return { practices, apiKey: await createAdminApiKey(first.practiceId, first.adminId) };
}

function runDemoSeed(stack: Stack): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/seed.ts'],
      { cwd: process.cwd(), env: { ...stack.env, LOG_LEVEL: 'warn' }, stdio: 'inherit' },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`demo seed failed (exit ${code})`)),
    );
  });
}

export async function superuserClient(stack: Stack): Promise<pg.Client> {
  const { readFile } = await import('node:fs/promises');
  const client = new pg.Client({
    connectionString: stack.superuserDbUrl,
    ssl: { ca: await readFile(stack.caFile, 'utf8'), rejectUnauthorized: true },
    application_name: 'resilience-check',
  });
  // A check's client must not take the runner down when the database restarts under it.
  client.on('error', () => undefined);
  await client.connect();

  return client;
}

async function loadMembers(stack: Stack) {
  const su = await superuserClient(stack);
  try {
    const { rows } = await su.query<{ id: string; clinician: string; admin: string }>(
      `SELECT p.id,
              (SELECT user_id FROM memberships m WHERE m.practice_id = p.id
                 AND m.role = 'clinician' ORDER BY user_id LIMIT 1) AS clinician,
              (SELECT user_id FROM memberships m WHERE m.practice_id = p.id
                 AND m.role = 'admin' ORDER BY user_id LIMIT 1) AS admin
         FROM practices p ORDER BY p.slug`,
    );

    return rows.map((r) => ({ practiceId: r.id, clinicianId: r.clinician, adminId: r.admin }));
  } finally {
    await su.end();
  }
}

async function systemContext(practiceId: string) {
  return {
    practiceId,
    actor: { type: 'system' as const, label: 'Resilience seed' },
    request: SEED_REQUEST,
  };
}

async function createReceivedReferrals(practiceId: string): Promise<string[]> {
  const { withPractice } = await import('@/lib/db/with-practice');
  const { createReferral } = await import('@/lib/referrals/create-referral');
  const { changeReferralStatus } = await import('@/lib/referrals/change-status');
  const ctx = await systemContext(practiceId);
  const ids: string[] = [];
  for (let i = 0; i < REFERRALS_PER_PRACTICE; i += 1) {
    const id = await withPractice(practiceId, async (db) => {
      const referral = await createReferral(db, ctx, {
        status: 'submitted',
        urgency: 'routine',
        service: 'Internal medicine',
        patientName: `Resilience ${i + 1}`,
        species: 'Dog',
        ownerName: 'Synthetic Owner',
        reason: 'Synthetic referral for the resilience run.',
        referringVet: {
          clinicName: 'Loopback Vets',
          name: 'Dr Loopback',
          email: 'loopback@resilience.invalid',
        },
      });
      await changeReferralStatus(db, ctx, { referralId: referral.id, action: 'receive' });

      return referral.id;
    });
    ids.push(id);
  }

  return ids;
}

async function mintSessions(practiceId: string, userId: string, count: number) {
  const { withPractice } = await import('@/lib/db/with-practice');
  const { createSession } = await import('@/lib/auth/create-session');
  const { SESSION_COOKIE } = await import('@/lib/auth/session-policy');

  return withPractice(
    practiceId,
    async (db) => {
      const cookies: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const { token } = await createSession(db, {
          practiceId,
          userId,
          pendingMfa: false,
          mfaVerified: true,
          request: SEED_REQUEST,
        });
        cookies.push(`${SESSION_COOKIE}=${token}`);
      }

      return cookies;
    },
    { userId, timeout: 60_000 },
  );
}

async function createAdminApiKey(practiceId: string, adminId: string): Promise<string> {
  const { withPractice } = await import('@/lib/db/with-practice');
  const { createApiKey } = await import('@/lib/auth/create-api-key');
  const key = await withPractice(
    practiceId,
    (db) =>
      createApiKey(
        db,
        {
          practiceId,
          actor: { type: 'user', userId: adminId, sessionId: adminId, label: 'Resilience seed' },
          request: SEED_REQUEST,
          role: 'admin',
          userId: adminId,
          sessionId: adminId,
          userName: 'Resilience seed',
          practiceName: 'Resilience',
        },
        { name: 'resilience', role: 'clinician' },
      ),
    { userId: adminId },
  );

  return key.secret;
}
