import 'server-only';

import { NextResponse } from 'next/server';

import { getEnv } from '@/lib/env';
import { AppError, errorBody } from '@/lib/http/errors';

/** Where a session that owes MFA enrolment may still go: the enrolment page and out. */
const OPEN_PATHS = ['/account/security', '/api/auth/sign-out'];

/**
 * The practice requires MFA and this session has not passed a second factor: pages send
 * the person to set it up, the API refuses. Null when the path is one they may use now.
 */
export function mfaEnrolmentGate(pathname: string, requestId: string): NextResponse | null {
  if (OPEN_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return null;
  if (pathname.startsWith('/api/')) {
    const error = new AppError(
      'forbidden',
      'Your practice requires two-factor authentication. Set it up to continue.',
    );

    return NextResponse.json(errorBody(error, requestId), { status: 403 });
  }

  return NextResponse.redirect(new URL('/account/security?required=1', getEnv().APP_ORIGIN), 303);
}
