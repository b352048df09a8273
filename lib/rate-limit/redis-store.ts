import 'server-only';

import { Ratelimit } from '@upstash/ratelimit';
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';

import { logger } from '@/lib/log/logger';

import { createRespRequester } from './resp-requester';
import { StoreUnavailableError, type HitResult, type LimitStore } from './store';
import type { TierConfig } from './tiers';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so that tests (and deployments) can share one Redis. */
  prefix: string;
  /** How long one check may wait for Redis before the store counts as unavailable. */
  timeoutMs?: number;
}

/**
 * Counters in Redis, shared by every app instance, using @upstash/ratelimit's sliding
 * window over our RESP requester. The library's own timeout answers "allowed" when Redis
 * is slow, which would silently open sensitive tiers, so it is switched off and replaced
 * by ours, which reports the store as unavailable instead and lets the caller decide.
 * Its in-memory block cache is off too: it never evicts, so rotating IPs would grow it.
 */
export function createRedisStore(options: RedisStoreOptions): LimitStore {
  const connection = new IORedis(options.url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let connectionErrorLogged = false;
  connection.on('error', (error: Error) => {
    if (connectionErrorLogged) return;
    connectionErrorLogged = true;
    logger.warn({ err: { name: error.name, message: error.message } }, 'rate limit redis error');
  });
  connection.on('ready', () => {
    connectionErrorLogged = false;
  });

  const redis = new UpstashRedis(createRespRequester(connection));
  const limiters = new Map<string, Ratelimit>();
  const timeoutMs = options.timeoutMs ?? 1_500;

  function limiterFor(tier: TierConfig): Ratelimit {
    const id = `${tier.limit}/${tier.windowMs}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(tier.limit, `${tier.windowMs} ms`),
        prefix: options.prefix,
        timeout: 0,
        ephemeralCache: false,
        analytics: false,
        enableProtection: false,
      });
      limiters.set(id, limiter);
    }

    return limiter;
  }

  return {
    kind: 'redis',
    async hit(key, tier): Promise<HitResult> {
      try {
        const result = await withTimeout(limiterFor(tier).limit(key), timeoutMs);

        return {
          success: result.success,
          limit: result.limit,
          remaining: result.remaining,
          reset: result.reset,
        };
      } catch (error) {
        throw new StoreUnavailableError({ cause: error });
      }
    },
    async close() {
      connection.disconnect();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
