import { randomUUID } from 'node:crypto';

import type { RequestMeta } from './actor';

/**
 * Request facts for audit events. The TLS gateway sets x-request-id and x-forwarded-for
 * from the socket; the LAST forwarded hop is the one our gateway saw, so a client's own
 * x-forwarded-for entries never become the recorded IP.
 */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const forwarded = headers.get('x-forwarded-for');
  const ip = forwarded ? (forwarded.split(',').pop()?.trim() ?? null) : null;

  return {
    requestId: headers.get('x-request-id')?.slice(0, 100) || randomUUID(),
    ip: ip || null,
    userAgent: headers.get('user-agent')?.slice(0, 512) ?? null,
  };
}
