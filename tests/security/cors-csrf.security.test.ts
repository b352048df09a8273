import { describe, expect, inject, it } from 'vitest';

import { request } from './harness/http';
import { multipart } from './harness/sign-in';
import {
  expectErrorBody,
  guestCookie,
  isApi,
  send,
  targets,
  urlFor,
  validBody,
} from './harness/targets';

const { baseUrl, fixtures } = inject('security');
const { a } = fixtures;
const EVIL = 'https://evil.example';
const session = `__Host-vetloop_session=${a.spareSessions[5]}`;

describe('CORS refuses unknown origins', () => {
  it('OPTIONS /api/v1/referrals – a preflight from an unknown origin is refused without CORS headers', async () => {
    const res = await request(baseUrl, '/api/v1/referrals', {
      method: 'OPTIONS',
      headers: {
        origin: EVIL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.header('access-control-allow-origin')).toBeUndefined();
    expect(res.header('access-control-allow-credentials')).toBeUndefined();
  });

  it('GET /api/v1/referrals – an answer to an unknown origin carries no CORS grant', async () => {
    const res = await request(baseUrl, '/api/v1/referrals', {
      headers: { origin: EVIL, cookie: session },
    });

    expect(res.header('access-control-allow-origin')).toBeUndefined();
    expect(res.header('access-control-allow-credentials')).toBeUndefined();
  });
});

describe('state-changing requests from another origin are refused', () => {
  for (const target of targets((e) => isApi(e) && !e.methods.includes('GET'))) {
    it(`${target.label} – with the session cookie from ${EVIL} answers 403`, async () => {
      const res = await send(
        baseUrl,
        target,
        urlFor(target.entry, a),
        { kind: 'session', token: a.spareSessions[5]! },
        validBody(target, a),
        {
          headers: { origin: EVIL },
        },
      );

      expectErrorBody(res, 'forbidden');
    });
  }

  it('POST /api/v1/referrals/[id]/messages – a cross-site form without Origin (Sec-Fetch-Site) answers 403', async () => {
    const res = await request(baseUrl, `/api/v1/referrals/${a.referralId}/messages`, {
      method: 'POST',
      headers: {
        cookie: session,
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/json',
      },
      body: '{"body":"csrf"}',
    });

    expectErrorBody(res, 'forbidden');
  });

  it('POST /api/v1/referrals/[id]/messages – Origin: null with a cookie answers 403', async () => {
    const res = await request(baseUrl, `/api/v1/referrals/${a.referralId}/messages`, {
      method: 'POST',
      headers: { cookie: session, origin: 'null', 'content-type': 'application/json' },
      body: '{"body":"csrf"}',
    });

    expectErrorBody(res, 'forbidden');
  });

  it('POST /api/guest/messages – a guest’s cookie from another origin answers 403', async () => {
    const cookie = await guestCookie(baseUrl, a.linkToken);
    const res = await request(baseUrl, '/api/guest/messages', {
      method: 'POST',
      headers: {
        cookie,
        origin: EVIL,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: '{"body":"csrf"}',
    });

    expect(res.status).toBe(403);
  });

  it('POST /sign-in – a server-action form posted from another origin is refused', async () => {
    const { body, type } = multipart([
      ['email', 'x@example.test'],
      ['password', 'x'],
    ]);
    const res = await request(baseUrl, '/sign-in', {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': type, cookie: session },
      body,
    });

    expect(res.status).toBe(403);
  });

  it('POST /api/auth/sign-out – signing someone out from another site is refused', async () => {
    const res = await request(baseUrl, '/api/auth/sign-out', {
      method: 'POST',
      headers: { origin: EVIL, cookie: session },
    });

    expect(res.status).toBe(403);
  });
});
