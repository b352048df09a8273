import { randomBytes } from 'node:crypto';

import { SignJWT, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';
import { applyTestEnv } from '@/tests/setup/test-env';

import { mintAccessToken, verifyAccessToken, type AccessClaims } from './jwt';

const ANNOUNCED = { kid: 'k2', secret: randomBytes(32).toString('hex'), verifyOnly: true };
const CURRENT = { kid: 'k1', secret: randomBytes(32).toString('hex') };
const claims: AccessClaims = {
  kind: 'api_key',
  subject: '00000000-0000-4000-8000-000000000001',
  sessionId: '00000000-0000-4000-8000-000000000001',
  practiceId: '00000000-0000-4000-8000-000000000003',
  role: 'clinician',
  scopes: ['referral.read'],
};

beforeAll(() => {
  applyTestEnv('postgres://unused@127.0.0.1/unused', 'postgres://unused@127.0.0.1/unused');
  process.env.JWT_KEYS = JSON.stringify([ANNOUNCED, CURRENT]);
});

describe('a verify-only key during a rolling rotation', () => {
  it('is skipped for signing: the first key that may sign is used', async () => {
    const token = await mintAccessToken(claims);

    expect(decodeProtectedHeader(token).kid).toBe('k1');
  });

  it('still verifies tokens that another instance already signs with it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      sid: claims.sessionId,
      pid: claims.practiceId,
      role: 'clinician',
      scp: ['referral.read'],
    })
      .setProtectedHeader({ alg: 'HS256', kid: 'k2', typ: 'JWT' })
      .setIssuer('https://localhost:3443')
      .setAudience('vetloop:api')
      .setSubject(claims.subject)
      .setJti('j1')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(ANNOUNCED.secret));

    await expect(verifyAccessToken(token, 'api_key')).resolves.toMatchObject({
      subject: claims.subject,
    });
  });

  it('cannot be the only key: the environment needs one key that signs', () => {
    const env = { ...process.env, JWT_KEYS: JSON.stringify([ANNOUNCED]) };

    expect(() => parseEnv(env)).toThrow(/JWT_KEYS: needs one key without verifyOnly to sign/);
  });
});
