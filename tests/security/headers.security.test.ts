import { describe, expect, inject, it } from 'vitest';

import { HSTS_MAX_AGE_SECONDS } from '@/lib/http/security-headers';

import { request, type Exchange } from './harness/http';

const { baseUrl, fixtures, signedIn } = inject('security');
const staffCookie = () => `__Host-vetloop_session=${fixtures.a.sessions.owner}`;

function expectSecurityHeaders(res: Exchange): void {
  const csp = res.header('content-security-policy') ?? '';
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  // Forms lead only here (single sign-on, when configured, adds its provider's origin).
  expect(csp).toMatch(/form-action 'self'(;|$)/);
  expect(csp).toContain("base-uri 'none'");
  expect(res.header('strict-transport-security')).toBe(
    `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  );
  expect(res.header('x-content-type-options')).toBe('nosniff');
  expect(res.header('x-frame-options')).toBe('DENY');
  expect(res.header('referrer-policy')).toBe('no-referrer');
  expect(res.header('x-powered-by')).toBeUndefined();
}

function expectNoStackTrace(res: Exchange): void {
  expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|\.tsx?:\d+|Prisma|PrismaClient|stack/i);
}

const KINDS: Array<{
  name: string;
  path: string;
  headers?: Record<string, string>;
  status: number[];
}> = [
  { name: 'HTML page', path: '/', status: [200] },
  { name: 'sign-in page', path: '/sign-in', status: [200] },
  {
    name: 'JSON API refusal',
    path: `/api/v1/referrals/${fixtures.a.referralId}/documents`,
    status: [401],
  },
  {
    name: 'JSON API success',
    path: `/api/v1/referrals/${fixtures.a.referralId}/documents`,
    status: [200],
  },
  { name: 'redirect', path: '/inbox', status: [302, 303, 307, 308] },
  { name: 'not found page', path: '/no-such-page-here', status: [404] },
  {
    name: 'unknown tracking link',
    path: '/r/not-a-real-token-000000000000000000000',
    status: [404],
  },
];

describe('security headers on every kind of response', () => {
  for (const kind of KINDS) {
    it(`GET ${kind.path} – ${kind.name} carries CSP with a nonce, HSTS, nosniff, no framing, no referrer`, async () => {
      const headers: Record<string, string> =
        kind.name === 'JSON API success' ? { cookie: staffCookie() } : {};
      const res = await request(baseUrl, kind.path, { headers });

      expect(kind.status).toContain(res.status);
      expectSecurityHeaders(res);
      expectNoStackTrace(res);
    });
  }

  it('GET / – mints a fresh CSP nonce per response', async () => {
    const one = await request(baseUrl, '/');
    const two = await request(baseUrl, '/');
    const nonce = (r: Exchange) =>
      /'nonce-([^']+)'/.exec(r.header('content-security-policy') ?? '')?.[1];

    expect(nonce(one)).toBeTruthy();
    expect(nonce(one)).not.toBe(nonce(two));
    expect(one.text).toContain(`nonce="${nonce(one)}"`);
  });

  it('GET /api/v1/… – private JSON is never cached', async () => {
    const res = await request(baseUrl, `/api/v1/referrals/${fixtures.a.referralId}/documents`, {
      headers: { cookie: staffCookie() },
    });

    expect(res.status).toBe(200);
    expect(res.header('cache-control')).toMatch(/no-store/);
  });

  it('GET /inbox – private pages are never cached', async () => {
    const res = await request(baseUrl, '/inbox', { headers: { cookie: staffCookie() } });

    expect(res.status).toBeLessThan(500);
    expect(res.header('cache-control')).toMatch(/no-store|private, no-cache/);
  });

  it('answers a body declared larger than the gateway limit with 413 before reading it', async () => {
    const res = await request(baseUrl, `/api/v1/referrals/${fixtures.a.referralId}/documents`, {
      method: 'POST',
      headers: {
        cookie: staffCookie(),
        origin: baseUrl,
        'content-length': String(26 * 1024 * 1024),
      },
      body: 'x',
      timeoutMs: 5_000,
    }).catch((error: unknown) => ({ status: -1, error }));

    expect(res.status).toBe(413);
  });
});

describe('cookie attributes', () => {
  it('POST /sign-in – the session cookie is __Host-, Secure, HttpOnly, SameSite and Path=/', () => {
    expect(signedIn.error).toBeNull();
    const cookie = signedIn.setCookie ?? '';

    expect(cookie).toMatch(/^__Host-vetloop_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
  });

  it('GET /r/[token] – the guest cookie is __Host-, Secure, HttpOnly, SameSite and leaves no token in the URL', async () => {
    const res = await request(baseUrl, `/r/${fixtures.a.linkToken}`);

    expect(res.status).toBe(303);
    expect(res.header('location')).toBe('/r');
    const cookie = res.setCookies().find((c) => c.startsWith('__Host-vetloop_guest=')) ?? '';
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
  });
});
