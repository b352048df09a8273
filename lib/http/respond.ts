import { logger } from '@/lib/log/logger';

import { errorBody, toAppError } from './errors';

/** A JSON response that no cache keeps. */
export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('cache-control', 'no-store');

  return Response.json(data, { ...init, headers });
}

/** Any error as the one error body; unknown errors are logged and become a bare 500. */
export function errorResponse(error: unknown, requestId: string): Response {
  const appError = toAppError(error);
  if (appError.code === 'internal') {
    logger.error({ err: error, requestId }, 'unhandled error in route');
  }
  const headers = new Headers();
  if (appError.details.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(appError.details.retryAfterSeconds));
  }
  if (appError.code === 'unauthenticated') headers.set('www-authenticate', 'Bearer');

  return json(errorBody(appError, requestId), { status: appError.status, headers });
}
