import { randomBytes, randomUUID } from 'node:crypto';

import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { describe, expect, inject, it } from 'vitest';

import { check } from './known-gaps';
import { request } from './harness/http';
import { expectErrorBody } from './harness/targets';

const { baseUrl, fixtures, jwtKeys } = inject('security');
const { a } = fixtures;
const [signing] = jwtKeys;
const key = new TextEncoder().encode(signing!.secret);
const ISSUER = baseUrl;
const API_AUDIENCE = 'vetloop:api';

interface Forge {
  claims?: Partial<JWTPayload> & Record<string, unknown>;
  drop?: string[];
  alg?: 'HS256' | 'HS384' | 'HS512';
  kid?: string | null;
  secret?: Uint8Array;
}

/** A token like the app's own API token for A's owner key, changed in one way. */
async function forge(change: Forge = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub: a.apiKeys.owner!.keyId,
    sid: a.apiKeys.owner!.keyId,
    pid: a.practiceId,
    role: 'owner',
    scp: ['referral.read'],
    iss: ISSUER,
    aud: API_AUDIENCE,
    jti: randomUUID(),
    iat: now,
    exp: now + 240,
    ...change.claims,
  };
  for (const name of change.drop ?? []) delete claims[name];
  const kid = change.kid === undefined ? signing!.kid : change.kid;
  const header = { alg: change.alg ?? 'HS256', typ: 'JWT', ...(kid === null ? {} : { kid }) };

  return new SignJWT(claims).setProtectedHeader(header).sign(change.secret ?? key);
}

function call(token: string) {
  return request(baseUrl, '/api/v1/referrals', {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
}

describe('API tokens', () => {
  it('GET /api/v1/referrals – a well-formed token for a live key is accepted (the forgeries below differ in one way)', async () => {
    expect((await call(await forge())).status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<string>]> = [
    ['expired', () => forge({ claims: { iat: now() - 600, exp: now() - 300 } })],
    [
      'issued in the future beyond tolerance',
      () => forge({ claims: { iat: now() + 600, exp: now() + 840 } }),
    ],
    ['claiming a lifetime longer than we mint', () => forge({ claims: { exp: now() + 86_400 } })],
    [
      'unsigned (alg none)',
      async () => new UnsecuredJWT({ sub: a.apiKeys.owner!.keyId, pid: a.practiceId }).encode(),
    ],
    ['signed with another key under our key id', () => forge({ secret: randomBytes(32) })],
    ['signed with another algorithm (HS512)', () => forge({ alg: 'HS512' })],
    ['for the session audience', () => forge({ claims: { aud: 'vetloop:session' } })],
    ['for another audience', () => forge({ claims: { aud: 'someone-else' } })],
    ['from another issuer', () => forge({ claims: { iss: 'https://evil.example' } })],
    ['with an unknown key id', () => forge({ kid: 'no-such-kid' })],
    ['without a key id', () => forge({ kid: null })],
    [
      'naming another practice than its key',
      () => forge({ claims: { pid: fixtures.b.practiceId } }),
    ],
    [
      'for a key that does not exist',
      () => forge({ claims: { sub: randomUUID(), sid: randomUUID() } }),
    ],
    ['with an unknown role', () => forge({ claims: { role: 'superuser' } })],
    ['with an unknown scope', () => forge({ claims: { scp: ['everything'] } })],
    ...['sub', 'sid', 'pid', 'role', 'jti', 'exp', 'iat', 'iss', 'aud', 'scp'].map(
      (claim): [string, () => Promise<string>] => [
        `missing ${claim}`,
        () => forge({ drop: [claim] }),
      ],
    ),
    ['that is not a JWT at all', async () => 'not-a-token'],
    ['with a tampered payload', async () => tamper(await forge())],
  ];

  for (const [name, make] of cases) {
    check(`GET /api/v1/referrals – a token ${name} answers 401`, async () => {
      const res = await call(await make());

      expectErrorBody(res, 'unauthenticated');
      expect(res.header('www-authenticate')).toBe('Bearer');
    });
  }

  it('PATCH /api/v1/referrals/[id] – a token claiming owner for a read-only key still acts as read-only', async () => {
    const token = await forge({
      claims: {
        sub: a.apiKeys.read_only!.keyId,
        sid: a.apiKeys.read_only!.keyId,
        role: 'owner',
        scp: ['referral.edit'],
      },
    });
    const res = await request(baseUrl, `/api/v1/referrals/${a.referralId}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        origin: baseUrl,
      },
      body: '{}',
    });

    expectErrorBody(res, 'forbidden');
  });

  it('GET /api/v1/referrals – a valid session token sent in the proxy’s internal header is dropped', async () => {
    const owner = a.users.find((u) => u.role === 'owner')!;
    const token = await forge({
      claims: { sub: owner.userId, sid: a.sessionIds.owner, aud: 'vetloop:session' },
      drop: ['scp'],
    });
    const res = await request(baseUrl, '/api/v1/referrals', {
      headers: { 'x-vetloop-auth': token, accept: 'application/json' },
    });

    expectErrorBody(res, 'unauthenticated');
  });
});

/** Flips the role in the payload while keeping the signature: must fail verification. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  claims.pid = fixtures.b.practiceId;

  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}
