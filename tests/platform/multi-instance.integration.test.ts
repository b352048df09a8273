/**
 * Two instances of the production build behind the TLS front, sharing this file's
 * database on the machine's Postgres and the machine's Redis (under a key prefix of their
 * own): what one instance does, the other must honour on its very next request.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Redis as IORedis } from 'ioredis';
import { decodeProtectedHeader } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { verifyAuditChains } from '@/lib/audit/verify-chain';
import { createApiKey } from '@/lib/auth/create-api-key';
import { SESSION_COOKIE } from '@/lib/auth/session-policy';
import { startAppInstance, type AppInstance } from '@/lib/platform/app-instance';
import { ensureLocalCertificate } from '@/lib/platform/certificates';
import { startFront, type Front } from '@/lib/platform/front';

import { PASSWORD, asSuperuser, staffMember } from '../auth/auth-fixtures';
import { createReferral } from '../helpers/factories';
import { request, trustCertificate, type RequestOptions } from '../security/harness/http';
import { hiddenFields, multipart } from '../security/harness/sign-in';
import { asStaff, signedInStaff } from '../settings/helpers';

import { freePort, makeTempDir } from './helpers';
import { ensureProductionBuild } from './production-build';

const root = path.resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `vetloop-test-mi-${randomBytes(4).toString('hex')}`;
/** The front connects from here; only this address may name clients to the instances. */
const FRONT_ADDRESS = '127.0.0.2';
const K1 = { kid: 'mi-k1', secret: randomBytes(32).toString('hex') };
const K2 = { kid: 'mi-k2', secret: randomBytes(32).toString('hex') };

type Key = { kid: string; secret: string; verifyOnly?: boolean };
type Practice = { practiceId: string; email: string; referralIds: string[]; apiKey: string };

let scratch: Awaited<ReturnType<typeof makeTempDir>>;
let baseEnv: NodeJS.ProcessEnv;
let origin: string;
let front: Front;
const instances: { a?: AppInstance; b?: AppInstance } = {};
const ports = { a: 0, b: 0 };
const practices: Practice[] = [];

async function seedPractice(): Promise<Practice> {
  const owner = await staffMember('owner');
  const referralIds = [];
  for (let i = 0; i < 2; i++) referralIds.push((await createReferral(owner.practiceId)).id);
  const { staff } = await signedInStaff(owner.email);
  const key = await asStaff(staff, (db) =>
    createApiKey(db, staff, { name: 'multi-instance', role: 'clinician' }),
  );

  return { practiceId: owner.practiceId, email: owner.email, referralIds, apiKey: key.secret };
}

function start(which: 'a' | 'b', jwtKeys: Key[]): Promise<AppInstance> {
  return startAppInstance({
    root,
    env: { ...baseEnv, PORT: String(ports[which]), JWT_KEYS: JSON.stringify(jwtKeys) },
  });
}

/** A rolling restart of one instance with new signing keys, as a deploy would do it. */
async function restart(which: 'a' | 'b', jwtKeys: Key[]): Promise<void> {
  await instances[which]?.stop();
  instances[which] = await start(which, jwtKeys);
}

/** A request straight to one instance, as the load balancer forwards it (Host and Origin ours). */
function to(which: 'a' | 'b', pathname: string, options: RequestOptions = {}) {
  return request(`https://localhost:${ports[which]}`, pathname, {
    ...options,
    headers: { host: new URL(origin).host, ...options.headers },
  });
}

function throughFront(pathname: string, options: RequestOptions = {}) {
  return request(origin, pathname, options);
}

/**
 * Signs in through the no-JS form, the way a browser without JavaScript does: the form is
 * rendered by the other instance, as a balancer may well do (the same build on both, so its
 * server action is known to both).
 */
async function signInAt(which: 'a' | 'b', email: string): Promise<string> {
  const page = await to(which === 'a' ? 'b' : 'a', '/sign-in');
  const { body, type } = multipart([
    ...hiddenFields(page.text),
    ['email', email],
    ['password', PASSWORD],
  ]);
  const res = await to(which, '/sign-in', {
    method: 'POST',
    headers: { origin, 'content-type': type, accept: 'text/html' },
    body,
  });
  const cookie = res.setCookies().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in on ${which} answered ${res.status} without a cookie`);

  return cookie.split(';')[0]!;
}

async function exchange(
  via: (p: string, o: RequestOptions) => ReturnType<typeof request>,
  key: string,
) {
  const res = await via('/api/v1/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'api_key', api_key: key }),
  });
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}: ${res.text}`);

  return res.json<{ access_token: string }>().access_token;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const viaA = (p: string, o: RequestOptions) => to('a', p, o);
const viaB = (p: string, o: RequestOptions) => to('b', p, o);

/** Sliding windows are aligned to the minute; start a burst well inside one. */
async function awayFromMinuteEdge(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - into));
}

beforeAll(async () => {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect().catch(() => {
    throw new Error(`these tests need Redis at ${REDIS_URL} (npm test starts it)`);
  });
  redis.disconnect();

  const distDir = await ensureProductionBuild();
  scratch = await makeTempDir('multi-instance');
  const cert = await ensureLocalCertificate(path.join(scratch.dir, 'certs'));
  const certPem = readFileSync(cert.certFile, 'utf8');
  trustCertificate(certPem);

  practices.push(await seedPractice(), await seedPractice());
  const frontPort = await freePort();
  [ports.a, ports.b] = [await freePort(), await freePort()];
  origin = `https://localhost:${frontPort}`;
  baseEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
    DATA_DIR: scratch.dir,
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL,
    REDIS_KEY_PREFIX: REDIS_PREFIX,
    HOST: '127.0.0.1',
    APP_ORIGIN: origin,
    TRUSTED_PROXIES: FRONT_ADDRESS,
    TLS_CERT_FILE: cert.certFile,
    TLS_KEY_FILE: cert.keyFile,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  [instances.a, instances.b] = await Promise.all([start('a', [K1]), start('b', [K1])]);
  front = await startFront({
    host: '127.0.0.1',
    port: frontPort,
    cert: readFileSync(cert.certFile),
    key: readFileSync(cert.keyFile),
    backends: [
      { host: '127.0.0.1', port: ports.a },
      { host: '127.0.0.1', port: ports.b },
    ],
    backendCa: certPem,
    backendServername: 'localhost',
    localAddress: FRONT_ADDRESS,
  });
}, 300_000);

afterAll(async () => {
  await front?.close();
  await Promise.all([instances.a?.stop(), instances.b?.stop()]);
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${REDIS_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await scratch?.remove();
}, 60_000);

describe('two instances behind one front', () => {
  it('honours a session made on A on B, and refuses it on B right after sign-out on A', async () => {
    const [first] = practices;
    const cookie = await signInAt('a', first!.email);

    const onB = await to('b', '/api/v1/referrals', { headers: { cookie } });
    const signOut = await to('a', '/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie, origin },
    });
    const afterOnB = await to('b', '/api/v1/referrals', { headers: { cookie } });

    expect(onB.status).toBe(200);
    expect(
      onB
        .json<{ data: { id: string }[] }>()
        .data.map((r) => r.id)
        .sort(),
    ).toEqual([...first!.referralIds].sort());
    expect(signOut.status).toBe(303);
    expect(afterOnB.status).toBe(401);
  });

  it('counts one rate limit across both instances, per client address the front reports', async () => {
    await awayFromMinuteEdge();
    const before = front.forwarded();
    const from = { localAddress: '127.0.0.61' };
    const bogus = JSON.stringify({ grant_type: 'api_key', api_key: 'vlk_not-a-key' });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await throughFront('/api/v1/token', {
        ...from,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bogus,
      });
      statuses.push(res.status);
    }
    const split = front.forwarded().map((n, i) => n - before[i]!);

    const otherClient = await throughFront('/api/v1/token', {
      localAddress: '127.0.0.62',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bogus,
    });
    // Straight to an instance, a client cannot borrow another address: it is not the front.
    const spoofed = await to('a', '/api/v1/token', {
      ...from,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.99' },
      body: bogus,
    });

    // token_exchange allows 20 a minute per IP: the 21st is refused, whichever instance.
    expect(split).toEqual([15, 15]);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    expect(otherClient.status).toBe(401);
    expect(spoofed.status).toBe(429);
  }, 60_000);

  it('keeps every practice audit chain intact under concurrent writes through both', async () => {
    const tokens = await Promise.all([
      exchange(viaA, practices[0]!.apiKey),
      exchange(viaB, practices[1]!.apiKey),
    ]);
    const posts = practices.flatMap((p, pi) =>
      Array.from({ length: 12 }, (_, i) =>
        to(i % 2 === 0 ? 'a' : 'b', `/api/v1/referrals/${p.referralIds[i % 2]}/messages`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens[pi]}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ visibility: 'internal', body: `note ${i}` }),
        }),
      ),
    );

    const statuses = (await Promise.all(posts)).map((r) => r.status);
    const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await owner.connect();
    const reports = await verifyAuditChains(owner, {
      practiceIds: practices.map((p) => p.practiceId),
    }).finally(() => owner.end());
    const posted = await countEvents('note.posted');

    expect(statuses).toEqual(Array(24).fill(201));
    expect(reports.map((r) => r.break)).toEqual([null, null]);
    expect(posted).toEqual(practices.map((p) => ({ practice: p.practiceId, count: 12 })));
  });

  it('rotates the signing key in two rolling restarts without signing anyone out', async () => {
    const [first, second] = practices;
    const cookie = await signInAt('b', second!.email);
    const oldToken = await exchange(viaA, first!.apiKey);

    // Rollout 1: the new key is announced, verify-only; instances restart one at a time.
    await restart('b', [{ ...K2, verifyOnly: true }, K1]);
    const mixedToken = await exchange(viaB, first!.apiKey);
    const mixedOnA = await to('a', '/api/v1/referrals', bearer(mixedToken));
    await restart('a', [{ ...K2, verifyOnly: true }, K1]);

    // Rollout 2: the new key signs. B first, while A still only verifies it; meanwhile the
    // front sends everything to A.
    await instances.b!.stop();
    const duringRestart = await Promise.all(
      Array.from({ length: 4 }, () => throughFront('/api/v1/referrals', bearer(oldToken))),
    );
    instances.b = await start('b', [K2, K1]);
    const newToken = await exchange(viaB, first!.apiKey);
    const results = {
      newOnA: (await to('a', '/api/v1/referrals', bearer(newToken))).status,
      newOnB: (await to('b', '/api/v1/referrals', bearer(newToken))).status,
      oldOnB: (await to('b', '/api/v1/referrals', bearer(oldToken))).status,
      sessionOnA: (await to('a', '/api/v1/referrals', { headers: { cookie } })).status,
      sessionOnB: (await to('b', '/api/v1/referrals', { headers: { cookie } })).status,
    };

    expect(mixedOnA.status).toBe(200);
    expect(duringRestart.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(decodeProtectedHeader(oldToken).kid).toBe(K1.kid);
    expect(decodeProtectedHeader(mixedToken).kid).toBe(K1.kid);
    expect(decodeProtectedHeader(newToken).kid).toBe(K2.kid);
    expect(results).toEqual({
      newOnA: 200,
      newOnB: 200,
      oldOnB: 200,
      sessionOnA: 200,
      sessionOnB: 200,
    });
  }, 240_000);
});

async function countEvents(action: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ practice: string; count: number }>(
      `SELECT practice_id::text AS practice, count(*)::int AS count FROM audit_events
        WHERE action = $1 AND practice_id = ANY($2::uuid[]) GROUP BY practice_id`,
      [action, practices.map((p) => p.practiceId)],
    ),
  );
  const counted = new Map(rows.map((r) => [r.practice, r.count]));

  return practices.map((p) => ({ practice: p.practiceId, count: counted.get(p.practiceId) ?? 0 }));
}
