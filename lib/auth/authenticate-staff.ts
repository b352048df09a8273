import 'server-only';

import { AppError } from '@/lib/http/errors';

import { InvalidTokenError, verifyAccessToken } from './jwt';
import { loadLiveStaff } from './load-live-staff';
import { can, type Permission } from './permissions';
import { requestMetaFrom } from './request-meta';
import { AUTH_HEADER } from './session-policy';
import type { StaffContext } from './staff-context';

/**
 * The staff behind a request's headers, or null. Authority comes only from the token the
 * proxy stamped (clients' copies of the header are dropped before it) plus the live
 * session row; a practice id anywhere else in the request is never consulted.
 */
export async function authenticateStaff(headers: Headers): Promise<StaffContext | null> {
  const token = headers.get(AUTH_HEADER);
  if (!token) return null;
  let access;
  try {
    access = await verifyAccessToken(token, 'session');
  } catch (error) {
    if (error instanceof InvalidTokenError) return null;
    throw error;
  }
  const live = await loadLiveStaff(access);
  if (!live) return null;

  return {
    practiceId: access.practiceId,
    actor: { type: 'user', userId: live.userId, sessionId: live.sessionId, label: live.userEmail },
    request: requestMetaFrom(headers),
    role: live.role,
    userId: live.userId,
    sessionId: live.sessionId,
    userName: live.userName,
    practiceName: live.practiceName,
  };
}

export function requirePermission(role: StaffContext['role'], permission: Permission): void {
  if (!can(role, permission)) throw new AppError('forbidden');
}
