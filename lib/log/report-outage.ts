import { innermostMatch } from '@/lib/http/error-chain';

import { logger } from './logger';

export type Dependency = 'database' | 'document_storage';

// Process-wide: Next bundles the proxy, routes and actions separately, and one outage
// should still be one line.
const state = globalThis as unknown as {
  vetloopOutages?: Partial<Record<Dependency, { since: number; suppressed: number }>>;
};
const REPEAT_AFTER_MS = 60_000;

/**
 * Logs that a dependency is failing once a minute at most, counting the failures in
 * between, instead of a line and a stack per failed request. Only the code and message
 * of the driver-level error that matched `isNode` are logged, never query text.
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
  if (current && now - current.since < REPEAT_AFTER_MS) {
    current.suppressed += 1;

    return;
  }
  logger.warn(
    {
      ...context,
      dependency,
      cause: innermostMatch(error, isNode),
      suppressed: current?.suppressed ?? 0,
    },
    `${dependency.replace('_', ' ')} unavailable; answering with an error until it returns`,
  );
  outages[dependency] = { since: now, suppressed: 0 };
}

/** The dependency answered again: say so once, and report the next outage at once. */
export function reportRecovered(dependency: Dependency): void {
  const current = state.vetloopOutages?.[dependency];
  if (!current) return;
  delete state.vetloopOutages![dependency];
  logger.info(
    { dependency, suppressed: current.suppressed },
    `${dependency.replace('_', ' ')} available again`,
  );
}
