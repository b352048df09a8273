import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { isDatabaseUnavailable, isUnavailableNode } from '@/lib/db/database-unavailable';
import { getEnv } from '@/lib/env';
import { errorBody, AppError } from '@/lib/http/errors';
import { corsHeaders, isOriginAllowed } from '@/lib/http/origin';
import { logger } from '@/lib/log/logger';
import { reportOutage } from '@/lib/log/report-outage';
import { mfaEnrolmentGate } from '@/lib/settings/mfa-enrolment-gate';

import { authQuery } from './auth-db';
import { mintAccessToken } from './jwt';
import { resolveSession } from './resolve-session';
import { expiredSessionCookie } from './session-cookie';
import { AUTH_HEADER, SESSION_COOKIE } from './session-policy';

/** Headers only the auth layer may set; any a client sends are dropped. */
export function stripInternalHeaders(headers: Headers): void {
  for (const name of [...headers.keys()]) {
    if (name.startsWith('x-vetloop-') || name === 'x-practice-id') headers.delete(name);
  }
}

function refuse(code: 'forbidden', message: string, requestId: string): NextResponse {
  return NextResponse.json(errorBody(new AppError(code, message), requestId), { status: 403 });
}

/**
 * Runs before every request (Node runtime): drops forged auth headers, refuses
 * cross-site state changes, answers CORS preflights for configured origins, and turns a
 * live session cookie into a short-lived JWT for the app layer, which checks it again.
 */
export async function handleProxyRequest(request: NextRequest): Promise<NextResponse> {
  const headers = new Headers(request.headers);
  stripInternalHeaders(headers);
  const requestId = headers.get('x-request-id') ?? 'unknown';

  if (request.method === 'OPTIONS' && request.nextUrl.pathname.startsWith('/api/v1/')) {
    return preflight(headers);
  }
  if (!isOriginAllowed(request.method, headers, getEnv().APP_ORIGIN)) {
    return refuse('forbidden', 'Cross-site request refused.', requestId);
  }

  const token = request.cookies.get(SESSION_COOKIE)?.value;
  let dropCookie = false;
  if (token) {
    const session = await resolveSession(token).catch((error: unknown): typeof UNAVAILABLE => {
      if (!isDatabaseUnavailable(error)) throw error;
      reportOutage('database', error, isUnavailableNode, { requestId });

      return UNAVAILABLE;
    });
    if (session === UNAVAILABLE) return unavailable(requestId);
    if (!session) dropCookie = true;
    else if (session.mfaEnrolmentRequired && !session.pendingMfa) {
      const gate = mfaEnrolmentGate(request.nextUrl.pathname, requestId);
      if (gate) return gate;
    }
    if (session && !session.pendingMfa) {
      const jwt = await mintAccessToken({
        kind: 'session',
        subject: session.userId,
        sessionId: session.sessionId,
        practiceId: session.practiceId,
        role: session.role,
      });
      headers.set(AUTH_HEADER, jwt);
    }
  }

  const response = NextResponse.next({ request: { headers } });
  if (dropCookie) response.cookies.set(expiredSessionCookie());

  return response;
}

const UNAVAILABLE = Symbol('database unavailable');

/**
 * The session cannot be checked while the database is down or saturated: answer 503 in
 * the one error shape, rather than let Next turn the thrown error into a 500 with a stack
 * on stderr per request.
 */
function unavailable(requestId: string): NextResponse {
  const error = new AppError('unavailable', undefined, { retryAfterSeconds: 5 });

  return NextResponse.json(errorBody(error, requestId), {
    status: 503,
    headers: { 'retry-after': '5', 'cache-control': 'no-store' },
  });
}

async function preflight(headers: Headers): Promise<NextResponse> {
  const origin = headers.get('origin');
  if (!origin) return new NextResponse(null, { status: 204 });
  try {
    const rows = await authQuery<{ allowed: boolean }>`
      SELECT auth.is_cors_origin_allowed(${origin}) AS allowed`;
    if (rows[0]?.allowed)
      return new NextResponse(null, { status: 204, headers: corsHeaders(origin) });
  } catch (error) {
    logger.warn({ err: error }, 'CORS preflight lookup failed');
  }

  return new NextResponse(null, { status: 403 });
}
