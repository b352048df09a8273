import 'server-only';

import { cookies, headers } from 'next/headers';

import { requestMetaFrom } from '@/lib/auth/request-meta';
import { sessionCookie } from '@/lib/auth/session-cookie';
import { SESSION_COOKIE } from '@/lib/auth/session-policy';
import { signOut } from '@/lib/auth/sign-out';

export async function currentRequestMeta() {
  return requestMetaFrom(await headers());
}

export async function readSessionToken(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value ?? null;
}

/** Sets the new session cookie, ending whatever session the old cookie held. */
export async function replaceSessionCookie(token: string): Promise<void> {
  const jar = await cookies();
  const old = jar.get(SESSION_COOKIE)?.value;
  if (old && old !== token) await signOut(old, await currentRequestMeta());
  jar.set(sessionCookie(token));
}
