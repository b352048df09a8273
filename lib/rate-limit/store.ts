import type { TierConfig } from './tiers';

export interface HitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  reset: number;
}

/** Where counters live: Redis when several app instances share them, else this process. */
export interface LimitStore {
  readonly kind: 'redis' | 'memory';
  /** Counts one request for `key` and says whether it is within `tier`. */
  hit(key: string, tier: TierConfig): Promise<HitResult>;
  close(): Promise<void>;
}

/** The store could not answer (unreachable, timed out); distinct from "over the limit". */
export class StoreUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('rate limit store unavailable', options);
    this.name = 'StoreUnavailableError';
  }
}
