import 'server-only';

import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';

import { getEnv } from '@/lib/env';

import { LINK_POLICY } from './link-policy';

/** __Host-: the browser keeps it only if Secure, Path=/ and without Domain (host-only). */
export const GUEST_COOKIE = '__Host-vetloop_guest';

const payloadSchema = z.strictObject({
  sessionId: z.uuid(),
  linkId: z.uuid(),
  referralId: z.uuid(),
  practiceId: z.uuid(),
});
export type GuestCookie = z.infer<typeof payloadSchema>;

const TTL_SECONDS = Math.floor(LINK_POLICY.guestAbsoluteMs / 1000);

export const GUEST_COOKIE_OPTIONS = {
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  path: '/',
  maxAge: TTL_SECONDS,
} as const;

function password(): string {
  return getEnv().SESSION_SECRET;
}

/** The cookie value: sealed (encrypted and authenticated) with SESSION_SECRET. */
export async function sealGuestCookie(payload: GuestCookie): Promise<string> {
  return sealData(payloadSchema.parse(payload), { password: password(), ttl: TTL_SECONDS });
}

/** The payload, or null for anything tampered, expired, sealed with another key or malformed. */
export async function unsealGuestCookie(value: string | undefined): Promise<GuestCookie | null> {
  if (!value || value.length > 4096) return null;
  try {
    const data = await unsealData<unknown>(value, { password: password(), ttl: TTL_SECONDS });
    const parsed = payloadSchema.safeParse(data);

    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The Set-Cookie header value for a sealed guest cookie (route handlers build it by hand). */
export function serializeGuestCookie(
  value: string,
  maxAge: number = GUEST_COOKIE_OPTIONS.maxAge,
): string {
  const o = GUEST_COOKIE_OPTIONS;

  return [
    `${GUEST_COOKIE}=${value}`,
    `Path=${o.path}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'Secure',
    'SameSite=Lax',
  ].join('; ');
}
