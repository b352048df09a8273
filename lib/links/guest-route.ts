import 'server-only';

import { requestMetaFrom } from '@/lib/auth/request-meta';
import { getEnv } from '@/lib/env';
import { AppError, toAppError } from '@/lib/http/errors';
import { isOriginAllowed, isStateChanging } from '@/lib/http/origin';
import { errorResponse } from '@/lib/http/respond';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import type { GuestContext } from './guest-context';
import { GUEST_COOKIE, unsealGuestCookie } from './guest-cookie';
import { loadGuestSession, type GuestAccess } from './load-guest-session';

export interface GuestRouteOptions {
  /** Routes of the step-up screen run before the code is entered. */
  allowPendingStepUp?: boolean;
}

export interface GuestHandlerArgs<P> {
  req: Request;
  params: P;
  ctx: GuestContext;
  access: GuestAccess;
}

/**
 * The one wrapper for the referring vet's routes: same-origin check for state changes,
 * the guest session from the sealed cookie (re-checked against the database), a rate
 * limit per session, and one error shape. Browsers posting plain forms get a 303 back
 * to /r with a fixed notice code; JSON callers get the usual error body.
 */
export function guestRoute<P = Record<string, never>>(
  options: GuestRouteOptions,
  handler: (args: GuestHandlerArgs<P>) => Promise<Response>,
) {
  return async (req: Request, segment?: { params: Promise<P> }): Promise<Response> => {
    const meta = requestMetaFrom(req.headers);
    try {
      if (!isOriginAllowed(req.method, req.headers, getEnv().APP_ORIGIN)) {
        throw new AppError('forbidden', 'Cross-site request refused.');
      }
      const cookie = await unsealGuestCookie(readCookie(req.headers, GUEST_COOKIE));
      const access = await loadGuestSession(cookie, meta);
      if (!access || (access.pendingStepUp && !options.allowPendingStepUp)) {
        throw new AppError('unauthenticated', 'Your link session has ended. Open the link again.');
      }
      await requireWithinLimit('guest', access.ctx.sessionId);
      const params = segment ? await segment.params : ({} as P);

      return await handler({ req, params, ctx: access.ctx, access });
    } catch (error) {
      if (isStateChanging(req.method) && !wantsJson(req)) {
        return seeOther(`/r?notice=${toAppError(error).code}`);
      }

      return errorResponse(error, meta.requestId);
    }
  };
}

export function wantsJson(req: Request): boolean {
  return (
    (req.headers.get('content-type') ?? '').includes('application/json') ||
    (req.headers.get('accept') ?? '').startsWith('application/json')
  );
}

/** A relative 303, so the browser stays on whatever origin it used and drops the body. */
export function seeOther(location: string, headers: HeadersInit = {}): Response {
  const out = new Headers(headers);
  out.set('location', location);
  out.set('cache-control', 'no-store');

  return new Response(null, { status: 303, headers: out });
}

export function readCookie(headers: Headers, name: string): string | undefined {
  const header = headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }

  return undefined;
}
