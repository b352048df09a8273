import type { NextRequest } from 'next/server';

import { handleProxyRequest } from '@/lib/auth/handle-proxy-request';

export function proxy(request: NextRequest) {
  return handleProxyRequest(request);
}

export const config = {
  // Static assets carry no authority and need no session lookup.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
