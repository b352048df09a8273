import type { HitResult, LimitStore } from './store';

interface Counter {
  windowMs: number;
  window: number;
  current: number;
  previous: number;
}

const SWEEP_EVERY = 1_000;

/**
 * The in-process store for the embedded single-instance default. It applies the same
 * weighted sliding window as @upstash/ratelimit's Redis script (the previous window's
 * count weighs by how much of it still overlaps), so behaviour does not change with the
 * store. Counters whose windows have both passed are swept, so memory stays bounded by
 * the keys active in the last two windows.
 */
export function createMemoryStore(now: () => number = Date.now): LimitStore {
  const counters = new Map<string, Counter>();
  let hitsSinceSweep = 0;

  function sweep(at: number): void {
    hitsSinceSweep = 0;
    for (const [key, counter] of counters) {
      if (Math.floor(at / counter.windowMs) - counter.window > 1) counters.delete(key);
    }
  }

  return {
    kind: 'memory',
    async hit(key, tier): Promise<HitResult> {
      const at = now();
      if (++hitsSinceSweep >= SWEEP_EVERY) sweep(at);
      const window = Math.floor(at / tier.windowMs);
      const counter = roll(counters.get(key), tier.windowMs, window);
      const overlap = 1 - (at % tier.windowMs) / tier.windowMs;
      const used = Math.floor(counter.previous * overlap) + counter.current;
      const reset = (window + 1) * tier.windowMs;
      counters.set(key, counter);
      if (used >= tier.limit) return { success: false, limit: tier.limit, remaining: 0, reset };
      counter.current += 1;

      return { success: true, limit: tier.limit, remaining: tier.limit - used - 1, reset };
    },
    async close() {
      counters.clear();
    },
  };
}

function roll(counter: Counter | undefined, windowMs: number, window: number): Counter {
  if (!counter || window - counter.window > 1) return { windowMs, window, current: 0, previous: 0 };
  if (window === counter.window) return counter;

  return { windowMs, window, current: 0, previous: counter.current };
}
