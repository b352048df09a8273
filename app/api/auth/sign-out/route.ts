import { NextResponse } from 'next/server';

import { requestMetaFrom } from '@/lib/auth/request-meta';
import { expiredSessionCookie } from '@/lib/auth/session-cookie';
import { signOut } from '@/lib/auth/sign-out';
import { getEnv } from '@/lib/env';
import { isOriginAllowed } from '@/lib/http/origin';

/** POST only (a GET link could sign people out from another site); ends the session row. */
export async function POST(req: Request) {
  if (!isOriginAllowed(req.method, req.headers, getEnv().APP_ORIGIN)) {
    return new NextResponse(null, { status: 403 });
  }
  const token = /(?:^|;\s*)__Host-vetloop_session=([^;]+)/.exec(req.headers.get('cookie') ?? '');
  if (token?.[1]) await signOut(token[1], requestMetaFrom(req.headers));

  const response = NextResponse.redirect(new URL('/sign-in', getEnv().APP_ORIGIN), 303);
  response.cookies.set(expiredSessionCookie());
  response.headers.set('clear-site-data', '"cache", "storage"');

  return response;
}

export const dynamic = 'force-dynamic';
