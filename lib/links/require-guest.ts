import 'server-only';

import { cookies, headers } from 'next/headers';

import { requestMetaFrom } from '@/lib/auth/request-meta';
import { AppError } from '@/lib/http/errors';

import type { GuestContext } from './guest-context';
import { GUEST_COOKIE, unsealGuestCookie } from './guest-cookie';
import { loadGuestSession, type GuestAccess } from './load-guest-session';

/** The guest behind this request's cookie (pages decide what to show), or null. */
export async function getGuestAccess(): Promise<GuestAccess | null> {
  const jar = await cookies();
  const cookie = await unsealGuestCookie(jar.get(GUEST_COOKIE)?.value);

  return loadGuestSession(cookie, requestMetaFrom(await headers()));
}

/** The guest's context for an action; throws unauthenticated without a full session. */
export async function requireGuest(): Promise<GuestContext> {
  const access = await getGuestAccess();
  if (!access || access.pendingStepUp) {
    throw new AppError('unauthenticated', 'Your link session has ended. Open the link again.');
  }

  return access.ctx;
}
