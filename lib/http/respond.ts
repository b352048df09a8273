import { isUnavailableNode } from '@/lib/db/database-unavailable';
import { isStorageFullNode } from '@/lib/documents/storage/storage-full';
import { logger } from '@/lib/log/logger';
import { reportOutage } from '@/lib/log/report-outage';

import { errorBody, toAppError, type AppError } from './errors';

/** A JSON response that no cache keeps. */
export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('cache-control', 'no-store');

  return Response.json(data, { ...init, headers });
}

/** Any error as the one error body; unknown errors are logged and become a bare 500. */
export function errorResponse(error: unknown, requestId: string): Response {
  const appError = toAppError(error);
  logError(appError, error, requestId);
  const headers = new Headers();
  if (appError.details.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(appError.details.retryAfterSeconds));
  }
  if (appError.code === 'unauthenticated') headers.set('www-authenticate', 'Bearer');

  return json(errorBody(appError, requestId), { status: appError.status, headers });
}

/** Unknown errors are logged in full; outages of a dependency once, not per request. */
export function logError(appError: AppError, error: unknown, requestId: string): void {
  if (appError.code === 'internal') {
    logger.error({ err: error, requestId }, 'unhandled error in route');
  } else if (appError.code === 'unavailable' && appError.cause === error) {
    reportOutage('database', error, isUnavailableNode, { requestId });
  } else if (appError.code === 'insufficient_storage') {
    reportOutage('document_storage', error, isStorageFullNode, { requestId });
  }
}
