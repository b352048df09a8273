import { innermostMatch } from '@/lib/http/error-chain';

import { logger } from './logger';

export type Dependency = 'database' | 'document_storage';

// Process-wide: Next bundles the proxy, routes and actions separately, and one outage
// should still be one line.
const state = globalThis as unknown as {
  vetloopOutages?: Partial<Record<Dependency, { since: number; last: number; suppressed: number }>>;
};
const REPEAT_AFTER_MS = 60_000;
/** Failures this far apart belong to separate outages; the new one is reported at once. */
const NEW_OUTAGE_AFTER_MS = 10_000;

/**
 * Logs that a dependency is failing once a minute at most, counting the failures in
 * between, instead of a line and a stack per failed request. Only the code and message
 * of the driver-level error that matched `isNode` are logged, never query text. A quiet
 * spell of ten seconds ends an outage (a new connection is no proof of recovery: pools
 * replace failed clients mid-outage).
 */
export function reportOutage(
  dependency: Dependency,
  error: unknown,
  isNode: (node: Record<string, unknown>) => boolean,
  context: Record<string, unknown> = {},
): void {
  const outages = (state.vetloopOutages ??= {});
  const now = Date.now();
  const current = outages[dependency];
  const ongoing = current && now - current.last < NEW_OUTAGE_AFTER_MS;
  if (current && ongoing && now - current.since < REPEAT_AFTER_MS) {
    current.suppressed += 1;
    current.last = now;

    return;
  }
  logger.warn(
    {
      ...context,
      dependency,
      cause: innermostMatch(error, isNode),
      suppressedBefore: ongoing ? current.suppressed : 0,
    },
    `${dependency.replace('_', ' ')} unavailable; answering with an error until it returns`,
  );
  outages[dependency] = { since: now, last: now, suppressed: 0 };
}
