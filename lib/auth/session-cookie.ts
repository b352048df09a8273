import { SESSION_ABSOLUTE_SECONDS, SESSION_COOKIE } from './session-policy';

/**
 * The session cookie: an opaque random token (only its SHA-256 is stored), host-only
 * (__Host- prefix: Secure, Path=/, no Domain), unreadable by scripts, not sent on
 * cross-site subrequests or posts.
 */
export function sessionCookie(token: string) {
  return {
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    secure: true,
    sameSite: 'lax' as const,
    path: '/',
    maxAge: SESSION_ABSOLUTE_SECONDS,
  };
}

export function expiredSessionCookie() {
  return { ...sessionCookie(''), maxAge: 0 };
}
