import 'server-only';

import { authQuery } from './auth-db';
import { isRole, type Role } from './permissions';
import { SESSION_IDLE_SECONDS } from './session-policy';
import { sha256 } from './tokens';

export interface ResolvedSession {
  sessionId: string;
  practiceId: string;
  userId: string;
  role: Role;
  pendingMfa: boolean;
  userName: string;
  practiceName: string;
  /** The practice requires MFA and this session was not verified by a second factor. */
  mfaEnrolmentRequired: boolean;
}

/**
 * The live session behind a cookie token, sliding its idle expiry; null when the token is
 * unknown, revoked, idle or past its absolute lifetime, or the person no longer active.
 */
export async function resolveSession(token: string): Promise<ResolvedSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const rows = await authQuery<{
    session_id: string;
    practice_id: string;
    user_id: string;
    role: string;
    pending_mfa: boolean;
    user_name: string;
    practice_name: string;
    mfa_enrolment_required: boolean;
  }>`SELECT * FROM auth.resolve_session(${sha256(token)}, ${`${SESSION_IDLE_SECONDS} seconds`}::interval)`;
  const row = rows[0];
  if (!row || !isRole(row.role)) return null;

  return {
    sessionId: row.session_id,
    practiceId: row.practice_id,
    userId: row.user_id,
    role: row.role,
    pendingMfa: row.pending_mfa,
    userName: row.user_name,
    practiceName: row.practice_name,
    mfaEnrolmentRequired: row.mfa_enrolment_required,
  };
}
