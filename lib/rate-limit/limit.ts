import 'server-only';

import { createHmac } from 'node:crypto';

import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import { logger } from '@/lib/log/logger';

import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
import { StoreUnavailableError, type LimitStore } from './store';
import { TIERS, type RateLimitTier, type TierTable } from './tiers';

export type { RateLimitTier } from './tiers';

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  resetAt: Date;
  /** 0 when allowed; otherwise whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

export interface Limiter<T extends string = RateLimitTier> {
  checkLimit(tier: T, key: string): Promise<LimitResult>;
  requireWithinLimit(tier: T, key: string): Promise<void>;
  close(): Promise<void>;
}

export interface LimiterOptions<T extends string> {
  store: LimitStore;
  tiers: Record<T, TierTable[string]>;
  /** Keys (emails, IPs, token prefixes) are stored only as HMACs under this secret. */
  keySecret: string | Buffer;
  now?: () => number;
}

export function createLimiter<T extends string>(options: LimiterOptions<T>): Limiter<T> {
  const { store, tiers, keySecret } = options;
  const now = options.now ?? Date.now;
  let failingOpen = false;

  async function checkLimit(tier: T, key: string): Promise<LimitResult> {
    const config = tiers[tier];
    const id = `${tier}:${hashKey(keySecret, tier, key)}`;
    try {
      const hit = await store.hit(id, config);
      failingOpen = false;
      const retryAfterSeconds = hit.success
        ? 0
        : Math.max(1, Math.ceil((hit.reset - now()) / 1000));

      return { ...hit, resetAt: new Date(hit.reset), retryAfterSeconds };
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      if (config.sensitive) throw new AppError('unavailable', undefined, {}, { cause: error });
      if (!failingOpen)
        logger.warn({ tier, store: store.kind }, 'rate limit store down; failing open');
      failingOpen = true;

      return {
        success: true,
        limit: config.limit,
        remaining: config.limit,
        resetAt: new Date(now() + config.windowMs),
        retryAfterSeconds: 0,
      };
    }
  }

  return {
    checkLimit,
    async requireWithinLimit(tier, key) {
      const result = await checkLimit(tier, key);
      if (result.success) return;
      logger.info({ tier }, 'rate limited');
      throw new AppError('rate_limited', undefined, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    },
    close: () => store.close(),
  };
}

function hashKey(secret: string | Buffer, tier: string, key: string): string {
  return createHmac('sha256', secret).update(`${tier}\0${key}`).digest('base64url').slice(0, 32);
}

const globalForLimiter = globalThis as unknown as { vetloopLimiter?: Limiter };

/** The app's limiter: Redis when REDIS_URL is set (shared by instances), else in process. */
function getLimiter(): Limiter {
  if (!globalForLimiter.vetloopLimiter) {
    const env = getEnv();
    const store = env.REDIS_URL
      ? createRedisStore({ url: env.REDIS_URL, prefix: `${env.REDIS_KEY_PREFIX}:rl` })
      : createMemoryStore();
    const keySecret = createHmac('sha256', env.SESSION_SECRET).update('rate-limit keys').digest();
    globalForLimiter.vetloopLimiter = createLimiter({ store, tiers: TIERS, keySecret });
  }

  return globalForLimiter.vetloopLimiter;
}

/** Counts one request for `key` in `tier` and reports where it stands. */
export function checkLimit(tier: RateLimitTier, key: string): Promise<LimitResult> {
  return getLimiter().checkLimit(tier, key);
}

/**
 * Counts one request and throws AppError('rate_limited', …, { retryAfterSeconds }) past
 * the tier's limit. When the store is unreachable, sensitive tiers throw
 * AppError('unavailable'); the others let the request through and log one warning.
 */
export function requireWithinLimit(tier: RateLimitTier, key: string): Promise<void> {
  return getLimiter().requireWithinLimit(tier, key);
}
