import { describe, expect, inject, it } from 'vitest';

import { TIERS } from '@/lib/rate-limit/tiers';

import { ROUTE_MANIFEST } from './route-manifest';
import { request } from './harness/http';
import {
  expectErrorBody,
  guestCookie,
  isApi,
  isGuestRoute,
  send,
  targets,
  urlFor,
  type Credential,
} from './harness/targets';

const { baseUrl, fixtures } = inject('security');
const { a } = fixtures;

/**
 * Sends `one` (`width` at a time) until it is refused with 429, at most 2 × limit + 10
 * times: a fixed window may roll over mid-way, so counting to the limit is not enough.
 */
async function exhaust(limit: number, width: number, one: () => Promise<{ status: number }>) {
  let left = limit * 2 + 10;
  let limited = false;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (left > 0 && !limited) {
        left -= 1;
        if ((await one()).status === 429) limited = true;
      }
    }),
  );
  expect(limited, 'the probe itself was never limited').toBe(true);
}

function expect429(res: Awaited<ReturnType<typeof request>>): void {
  expectErrorBody(res, 'rate_limited');
  expect(Number(res.header('retry-after'))).toBeGreaterThan(0);
}

// The only /api routes allowed to run without a limit, each with its reason in the manifest.
const UNLIMITED_API = ['/api/auth/[...nextauth]', '/api/auth/sign-out', '/api/v1/openapi.json'];

describe('rate limits on every API route', () => {
  it('every /api route in the manifest names a tier, except the listed exemptions', () => {
    const unlimited = ROUTE_MANIFEST.filter(
      (e) => e.path.startsWith('/api/') && e.rateLimit === 'none',
    ).map((e) => e.path);

    expect(unlimited.sort()).toEqual(UNLIMITED_API);
  });

  it('every API read answers 429 once the session has spent its api tier', async () => {
    const caller: Credential = { kind: 'session', token: a.spareSessions[0]! };
    const reads = targets((e) => isApi(e) && e.rateLimit === 'api');
    const probe = () => send(baseUrl, reads[0]!, urlFor(reads[0]!.entry, a), caller);
    await exhaust(TIERS.api.limit, 8, probe);

    for (const target of reads) {
      let res = await send(baseUrl, target, urlFor(target.entry, a), caller);
      // A sliding window lets a request through as the oldest ones age out; spend again once.
      if (res.status !== 429) {
        await exhaust(TIERS.api.limit, 8, probe);
        res = await send(baseUrl, target, urlFor(target.entry, a), caller);
      }
      expect429(res);
    }
  });

  it('every API write answers 429 once the session has spent its api_write tier', async () => {
    const caller: Credential = { kind: 'session', token: a.spareSessions[1]! };
    const writes = targets((e) => isApi(e) && e.rateLimit === 'api_write');
    // '{}' fails validation after the limiter has counted it, so nothing is written.
    const probe = writes.find((t) => t.method === 'POST' && t.entry.path.endsWith('/messages'))!;
    await exhaust(TIERS.api_write.limit, 6, () =>
      send(baseUrl, probe, urlFor(probe.entry, a), caller),
    );

    for (const target of writes) {
      expect429(await send(baseUrl, target, urlFor(target.entry, a), caller));
    }
  });

  it('every guest route answers 429 once the guest session has spent its tier', async () => {
    const cookie = await guestCookie(baseUrl, a.linkToken, '127.0.0.41');
    const caller: Credential = { kind: 'guest', cookie };
    const guest = targets(isGuestRoute);
    const probe = guest.find((t) => t.method === 'GET')!;
    const missing = {
      ...probe.entry,
      path: '/api/guest/documents/00000000-0000-4000-8000-000000000000',
    };
    await exhaust(TIERS.guest.limit, 6, () =>
      send(baseUrl, { ...probe, entry: missing }, missing.path, caller),
    );

    for (const target of guest) {
      expect429(await send(baseUrl, target, urlFor(target.entry, a), caller));
    }
  });

  it('GET /r/[token] – opening links answers 429 past the per-IP tier', async () => {
    const from = { localAddress: '127.0.0.42' };
    await exhaust(TIERS.link_open.limit, 4, () =>
      request(baseUrl, '/r/unknown-token-0000000000000000000000000', from),
    );
    const res = await request(baseUrl, `/r/${a.linkToken}`, from);

    expect(res.status).toBe(429);
    expect(Number(res.header('retry-after'))).toBeGreaterThan(0);
  });

  it('POST /api/v1/token – exchanging keys answers 429 past the per-IP tier', async () => {
    const attempt = () =>
      request(baseUrl, '/api/v1/token', {
        method: 'POST',
        localAddress: '127.0.0.43',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'api_key', api_key: 'vlk_00000000_' + 'x'.repeat(43) }),
      });
    await exhaust(TIERS.token_exchange.limit, 4, attempt);

    expect429(await attempt());
  });
});
