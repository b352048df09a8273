import { logger } from '@/lib/log/logger';

/**
 * Whether an error means "the database cannot serve right now" rather than "this request
 * is wrong": the server is down, restarting or refusing connections, the pool had no
 * connection to give within its timeout, or a lock or statement timeout cut the wait
 * short. Such a request may succeed if retried shortly, so the app answers 503 (not 500)
 * and logs the outage once, not once per request.
 *
 * The error may come straight from pg (the auth queries use the pool directly) or wrapped
 * by Prisma's driver adapter, which keeps pg's error as `cause` or under
 * `meta.driverAdapterError`; the whole chain is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someInChain(error, matchesUnavailable);
}

// SQLSTATEs: 08xxx connection exceptions; 53300 too many connections; 55P03 lock timeout;
// 57014 statement timeout; 57P01–57P03 shutdown, crash and "not accepting connections yet".
const SQLSTATE = /^(08...|53300|55P03|57014|57P0[1-3])$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
// P1001 cannot reach, P1002 timed out, P1017 server closed the connection, P2024 pool timeout.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// pg and pg-pool report these with no code at all.
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Unable to start a transaction in the given time/i;

function matchesUnavailable(node: Record<string, unknown>): boolean {
  const { code, kind, originalCode, message } = node;
  if (typeof code === 'string' && (SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
  if (typeof code === 'string' && PRISMA_CODES.has(code)) return true;
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (kind === 'postgres' && typeof originalCode === 'string' && SQLSTATE.test(originalCode)) {
    return true;
  }

  return typeof message === 'string' && MESSAGES.test(message);
}

/** Walks an error, its `cause`s and Prisma's `meta.driverAdapterError`, a few levels deep. */
export function someInChain(
  error: unknown,
  test: (node: Record<string, unknown>) => boolean,
  depth = 0,
): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const node = error as Record<string, unknown>;
  if (test(node)) return true;
  const meta = node.meta as Record<string, unknown> | undefined;
  for (const next of [node.cause, meta?.driverAdapterError, node.originalError]) {
    if (next !== undefined && someInChain(next, test, depth + 1)) return true;
  }

  return false;
}

// Process-wide (Next bundles the proxy, routes and actions separately; one outage, one line).
const state = globalThis as unknown as { vetloopDbOutage?: { since: number; suppressed: number } };
const REPEAT_AFTER_MS = 60_000;

/**
 * Logs a database outage once per minute at most, with how many failures it stood for,
 * instead of one line (and a stack) per failed request. Only the error's name, code and
 * message are logged: pg's errors can carry query text and parameters.
 */
export function reportDatabaseUnavailable(error: unknown, context: Record<string, unknown> = {}) {
  const now = Date.now();
  const outage = state.vetloopDbOutage;
  if (outage && now - outage.since < REPEAT_AFTER_MS) {
    outage.suppressed += 1;

    return;
  }
  logger.warn(
    { ...context, err: describe(error), suppressed: outage?.suppressed ?? 0 },
    'database unavailable; answering 503',
  );
  state.vetloopDbOutage = { since: now, suppressed: 0 };
}

/** Called when the database answers again, so the next outage is reported at once. */
export function reportDatabaseAvailable(): void {
  const outage = state.vetloopDbOutage;
  if (!outage) return;
  state.vetloopDbOutage = undefined;
  logger.info({ suppressed: outage.suppressed }, 'database available again');
}

/** The driver-level error that matched: its code and message, never query text. */
function describe(error: unknown): { code?: string; message?: string } {
  let found: { code?: string; message?: string } = {};
  someInChain(error, (node) => {
    if (!matchesUnavailable(node)) return false;
    found = {
      code: typeof node.code === 'string' ? node.code : undefined,
      message: typeof node.message === 'string' ? node.message.slice(0, 200) : undefined,
    };

    return false;
  });

  return found;
}
