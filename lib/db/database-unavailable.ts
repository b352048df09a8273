import { someInChain } from '@/lib/http/error-chain';

/**
 * Whether an error means "the database cannot serve right now" rather than "this request
 * is wrong": the server is down, restarting or refusing connections, the pool had no
 * connection to give within its timeout, or a lock or statement timeout cut the wait
 * short. A retry shortly may succeed, so the app answers 503, not 500.
 *
 * The error may come straight from pg (the auth queries use the pool directly) or wrapped
 * by Prisma's driver adapter, which keeps pg's error as `cause` or under
 * `meta.driverAdapterError`; the whole chain is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someInChain(error, isUnavailableNode);
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
// pg, pg-pool and Prisma's transaction manager report these with no usable code.
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Unable to start a transaction in the given time/i;

export function isUnavailableNode(node: Record<string, unknown>): boolean {
  const { code, kind, originalCode, message } = node;
  if (typeof code === 'string') {
    if (SQLSTATE.test(code) || SOCKET_CODES.has(code) || PRISMA_CODES.has(code)) return true;
  }
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (kind === 'postgres' && typeof originalCode === 'string' && SQLSTATE.test(originalCode)) {
    return true;
  }

  return typeof message === 'string' && MESSAGES.test(message);
}
