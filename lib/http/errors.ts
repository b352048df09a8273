import { isDatabaseUnavailable } from '@/lib/db/database-unavailable';
import { isStorageFull } from '@/lib/documents/storage/storage-full';

/**
 * The closed set of error codes the app answers with, each mapped to one HTTP status
 * and a message safe to show anyone. Internal detail stays in `cause` and the log.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  validation_failed: { status: 400, message: 'Some fields are not valid.' },
  unauthenticated: { status: 401, message: 'Sign in to continue.' },
  forbidden: { status: 403, message: 'You do not have permission to do that.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'Method not allowed.' },
  conflict: { status: 409, message: 'That conflicts with the current state.' },
  invalid_transition: { status: 409, message: 'That status change is not allowed.' },
  payload_too_large: { status: 413, message: 'The request is too large.' },
  unsupported_media_type: { status: 415, message: 'That file type is not accepted.' },
  rate_limited: { status: 429, message: 'Too many requests. Try again later.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  unavailable: { status: 503, message: 'The service is briefly unavailable. Try again shortly.' },
  insufficient_storage: {
    status: 507,
    message: 'There is no room to store that file right now. Try again later.',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    /** Safe for users; defaults to the code's generic message. */
    readonly publicMessage: string = ERROR_CODES[code].message,
    readonly details: { fields?: FieldIssue[]; retryAfterSeconds?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(publicMessage, options);
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
  }
}

export function notFound(): AppError {
  return new AppError('not_found');
}

/** The one error body: { error: { code, message, requestId, fields? } }. */
export function errorBody(error: AppError, requestId: string) {
  return {
    error: {
      code: error.code,
      message: error.publicMessage,
      requestId,
      ...(error.details.fields ? { fields: error.details.fields } : {}),
    },
  };
}

/** Seconds a client is asked to wait when a dependency is down. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Anything that is not an AppError becomes a generic 500 that echoes nothing, except an
 * outage of something the request needed: the database down or saturated is a 503 and a
 * full document disk a 507, because retrying later can succeed and clients (and load
 * balancers) should know that.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError || isForeignAppError(error)) return error;
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      'unavailable',
      undefined,
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      { cause: error },
    );
  }
  if (isStorageFull(error))
    return new AppError('insufficient_storage', undefined, {}, { cause: error });

  return new AppError('internal', undefined, {}, { cause: error });
}

/**
 * An AppError made by another copy of this module: Next compiles the proxy, routes and
 * actions as separate bundles, and process-wide singletons (the rate limiter) throw the
 * class of whichever bundle created them, so `instanceof` alone turned their 429s into 500s.
 */
function isForeignAppError(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const { code, publicMessage } = error as Partial<Record<'code' | 'publicMessage', unknown>>;

  return typeof code === 'string' && code in ERROR_CODES && typeof publicMessage === 'string';
}
