import NextAuth from 'next-auth';
import { cookies, headers } from 'next/headers';
import type { NextRequest } from 'next/server';

import { oidcOptions } from '@/lib/auth/oidc';
import { isOidcEnabled } from '@/lib/auth/oidc-enabled';
import { requestMetaFrom } from '@/lib/auth/request-meta';
import { sessionCookie } from '@/lib/auth/session-cookie';

type Segment = { params: Promise<{ nextauth: string[] }> };

/** next-auth's routes, only for single sign-on and only when OIDC is configured. */
async function handler(req: NextRequest, segment: Segment): Promise<Response> {
  if (!isOidcEnabled()) return new Response(null, { status: 404 });
  const options = oidcOptions({
    request: async () => requestMetaFrom(await headers()),
    // Cookies set through next/headers are merged into the route's response by Next.
    setSessionCookie: async (token) => {
      (await cookies()).set(sessionCookie(token));
    },
  });

  return NextAuth(req, segment, options);
}

export { handler as GET, handler as POST };
