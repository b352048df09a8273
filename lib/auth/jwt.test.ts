import { randomBytes } from 'node:crypto';

import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

import { applyTestEnv } from '@/tests/setup/test-env';

import { mintAccessToken, verifyAccessToken, type AccessClaims } from './jwt';

const NEW = { kid: 'k2', secret: randomBytes(32).toString('hex') };
const OLD = { kid: 'k1', secret: randomBytes(32).toString('hex') };
const ISS = 'https://localhost:3443';
const claims: AccessClaims = {
  kind: 'session',
  subject: '00000000-0000-4000-8000-000000000001',
  sessionId: '00000000-0000-4000-8000-000000000002',
  practiceId: '00000000-0000-4000-8000-000000000003',
  role: 'clinician',
};

beforeAll(() => {
  applyTestEnv('postgres://unused@127.0.0.1/unused', 'postgres://unused@127.0.0.1/unused');
  process.env.JWT_KEYS = JSON.stringify([NEW, OLD]);
});

const enc = (s: string) => new TextEncoder().encode(s);

/** A token built by hand, valid unless a test changes something. */
function forge(
  opts: {
    key?: { kid?: string; secret: string };
    alg?: string;
    aud?: string;
    iss?: string;
    exp?: number | null;
    iat?: number;
    omit?: string[];
  } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    sub: claims.subject,
    sid: claims.sessionId,
    pid: claims.practiceId,
    role: claims.role,
    jti: 'j1',
    iss: opts.iss ?? ISS,
    aud: opts.aud ?? 'vetloop:session',
    iat: opts.iat ?? now,
    exp: opts.exp === undefined ? now + 300 : opts.exp,
  };
  for (const k of opts.omit ?? []) delete payload[k];
  if (payload.exp === null) delete payload.exp;
  const key = opts.key ?? NEW;
  const header = { alg: opts.alg ?? 'HS256', ...(key.kid ? { kid: key.kid } : {}) };

  return new SignJWT(payload).setProtectedHeader(header).sign(enc(key.secret));
}

describe('access tokens', () => {
  it('verifies a token it minted, with every claim', async () => {
    const token = await mintAccessToken(claims);

    await expect(verifyAccessToken(token, 'session')).resolves.toMatchObject(claims);
  });

  it('still verifies tokens signed with an older listed key (rotation signs no one out)', async () => {
    await expect(verifyAccessToken(await forge({ key: OLD }), 'session')).resolves.toBeTruthy();
  });

  it('accepts a hand-built token when nothing is wrong with it (the forge is sound)', async () => {
    await expect(verifyAccessToken(await forge(), 'session')).resolves.toBeTruthy();
  });

  const refusals: [string, () => Promise<string>][] = [
    [
      'an expired token',
      () =>
        forge({
          exp: Math.floor(Date.now() / 1000) - 60,
          iat: Math.floor(Date.now() / 1000) - 120,
        }),
    ],
    ['a token without exp', () => forge({ exp: null })],
    ['a token without iat', () => forge({ omit: ['iat'] })],
    ['a token without jti', () => forge({ omit: ['jti'] })],
    ['a token without sid', () => forge({ omit: ['sid'] })],
    ['a token without pid', () => forge({ omit: ['pid'] })],
    ['a token without role', () => forge({ omit: ['role'] })],
    ['a token with the wrong audience', () => forge({ aud: 'vetloop:api' })],
    ['a token with the wrong issuer', () => forge({ iss: 'https://evil.example' })],
    [
      'an unsigned token (alg none)',
      async () =>
        new UnsecuredJWT({ sub: claims.subject, sid: 's', pid: 'p', role: 'owner', jti: 'j' })
          .setIssuer(ISS)
          .setAudience('vetloop:session')
          .setIssuedAt()
          .setExpirationTime('5m')
          .encode(),
    ],
    [
      'a token signed with another key under a known kid',
      () => forge({ key: { kid: NEW.kid, secret: randomBytes(32).toString('hex') } }),
    ],
    ['a token signed with HS512', () => forge({ alg: 'HS512' })],
    ['a token with an unknown kid', () => forge({ key: { kid: 'k9', secret: NEW.secret } })],
    ['a token with no kid', () => forge({ key: { secret: NEW.secret } })],
    [
      'a token claiming a life longer than we mint',
      () =>
        forge({
          iat: Math.floor(Date.now() / 1000) - 3600,
          exp: Math.floor(Date.now() / 1000) + 3600,
        }),
    ],
    [
      'a fresh token whose exp lies far beyond the lifetime we mint',
      () => forge({ exp: Math.floor(Date.now() / 1000) + 86_400 }),
    ],
    [
      'a token with a role we do not have',
      async () => {
        const now = Math.floor(Date.now() / 1000);

        return new SignJWT({ sub: 'u', sid: 's', pid: 'p', role: 'superuser', jti: 'j' })
          .setProtectedHeader({ alg: 'HS256', kid: NEW.kid })
          .setIssuer(ISS)
          .setAudience('vetloop:session')
          .setIssuedAt(now)
          .setExpirationTime(now + 60)
          .sign(enc(NEW.secret));
      },
    ],
  ];

  it.each(refusals)('refuses %s', async (_name, make) => {
    await expect(verifyAccessToken(await make(), 'session')).rejects.toThrow(
      /invalid access token/,
    );
  });

  it('refuses a session token presented as an API token', async () => {
    const token = await mintAccessToken(claims);

    await expect(verifyAccessToken(token, 'api_key')).rejects.toThrow(/invalid access token/);
  });

  it('refuses an API token without scopes', async () => {
    const token = await forge({ aud: 'vetloop:api' });

    await expect(verifyAccessToken(token, 'api_key')).rejects.toThrow(/invalid access token/);
  });
});
