import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

import { Redis as IORedis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { AppError } from '@/lib/http/errors';

import { checkLimit, createLimiter, type Limiter } from './limit';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
import type { TierTable } from './tiers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const tiers = {
  tight: { limit: 3, windowMs: 60_000, sensitive: true },
  short: { limit: 2, windowMs: 400, sensitive: false },
  open: { limit: 3, windowMs: 60_000, sensitive: false },
} satisfies TierTable;
type Tier = keyof typeof tiers;

const admin = new IORedis(REDIS_URL);
const opened: Limiter<Tier>[] = [];

function redisLimiter(prefix: string, url = REDIS_URL, timeoutMs?: number): Limiter<Tier> {
  const limiter = createLimiter({
    store: createRedisStore({ url, prefix, timeoutMs }),
    tiers,
    keySecret: 'test-secret',
  });
  opened.push(limiter);

  return limiter;
}

const uniquePrefix = () => `vetloop:test:${randomBytes(6).toString('hex')}`;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');

  return address.port;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);

  return error;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
});

afterAll(async () => {
  const keys = await admin.keys('vetloop:test:*');
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

describe('rate limits in Redis', () => {
  it('refuses the request after the limit with rate_limited and a retry delay', async () => {
    const limiter = redisLimiter(uniquePrefix());
    for (let i = 0; i < 3; i++) await limiter.requireWithinLimit('tight', 'a@example.test');

    const error = await rejection(limiter.requireWithinLimit('tight', 'a@example.test'));

    expect(error.code).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('reports the remaining allowance and counts keys separately', async () => {
    const limiter = redisLimiter(uniquePrefix());

    const first = await limiter.checkLimit('tight', 'one');
    const other = await limiter.checkLimit('tight', 'two');

    expect(first).toMatchObject({ success: true, limit: 3, remaining: 2, retryAfterSeconds: 0 });
    expect(other.remaining).toBe(2);
    expect(first.resetAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('lets requests through again once the window has passed', async () => {
    const limiter = redisLimiter(uniquePrefix());
    await limiter.checkLimit('short', 'k');
    await limiter.checkLimit('short', 'k');
    expect((await limiter.checkLimit('short', 'k')).success).toBe(false);

    // Two whole windows, so that the previous window no longer weighs.
    await new Promise((resolve) => setTimeout(resolve, 900));

    expect((await limiter.checkLimit('short', 'k')).success).toBe(true);
  });

  it('shares counters between two limiter instances through Redis', async () => {
    const prefix = uniquePrefix();
    const first = redisLimiter(prefix);
    const second = redisLimiter(prefix);

    await first.checkLimit('tight', '203.0.113.9');
    await second.checkLimit('tight', '203.0.113.9');
    await first.checkLimit('tight', '203.0.113.9');

    expect((await second.checkLimit('tight', '203.0.113.9')).success).toBe(false);
  });

  it('stores keys only as hashes, never the email or IP in the clear', async () => {
    const prefix = uniquePrefix();
    const limiter = redisLimiter(prefix);
    await limiter.checkLimit('tight', 'secret-person@example.test');
    await limiter.checkLimit('open', '198.51.100.77');

    const keys = await admin.keys(`${prefix}*`);

    expect(keys.length).toBe(2);
    expect(keys.join(' ')).not.toMatch(/secret-person|example\.test|198\.51/);
  });
});

describe('when Redis is unreachable', () => {
  it('refuses sensitive tiers with unavailable and lets the others through', async () => {
    const port = await closedPort();
    const limiter = redisLimiter(uniquePrefix(), `redis://127.0.0.1:${port}`, 500);

    const error = await rejection(limiter.requireWithinLimit('tight', 'someone'));
    const open = await limiter.checkLimit('open', 'someone');

    expect(error.code).toBe('unavailable');
    expect(error.status).toBe(503);
    expect(open).toMatchObject({ success: true, remaining: 3 });
  });
});

describe('the in-process store', () => {
  it('limits without Redis', async () => {
    const limiter = createLimiter({ store: createMemoryStore(), tiers, keySecret: 'k' });
    for (let i = 0; i < 3; i++) await limiter.requireWithinLimit('tight', 'x');

    const error = await rejection(limiter.requireWithinLimit('tight', 'x'));

    expect(error.code).toBe('rate_limited');
  });

  it('is what the app uses when REDIS_URL is not set', async () => {
    expect(process.env.REDIS_URL).toBeUndefined();
    const key = randomBytes(8).toString('hex');

    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkLimit('password_reset', key));

    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
    expect(results[5]!.retryAfterSeconds).toBeGreaterThan(0);
  });
});
