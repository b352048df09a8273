import 'server-only';

import { withPractice } from '@/lib/db/with-practice';

import type { VerifiedAccess } from './jwt';
import { isRole, type Role } from './permissions';

export interface LiveStaff {
  userId: string;
  sessionId: string;
  role: Role;
  userName: string;
  userEmail: string;
  practiceName: string;
}

/**
 * The app layer's own check behind the proxy's token: the session is still live and not
 * waiting for MFA, the user active, the membership active. The role is read fresh, so a
 * demotion or deactivation bites on the very next request, whatever the token says.
 */
export async function loadLiveStaff(access: VerifiedAccess): Promise<LiveStaff | null> {
  if (access.kind !== 'session') return null;

  return withPractice(
    access.practiceId,
    async (db) => {
      const rows = await db.$queryRaw<
        { role: string; user_name: string; email: string; practice_name: string }[]
      >`
        SELECT m.role, u.name AS user_name, u.email, p.name AS practice_name
        FROM sessions s
        JOIN memberships m ON m.practice_id = s.practice_id AND m.user_id = s.user_id
        JOIN users u ON u.id = s.user_id
        JOIN practices p ON p.id = s.practice_id
        WHERE s.practice_id = ${access.practiceId}::uuid AND s.id = ${access.sessionId}::uuid
          AND s.user_id = ${access.subject}::uuid
          AND s.revoked_at IS NULL AND NOT s.pending_mfa
          AND s.idle_expires_at > now() AND s.absolute_expires_at > now()
          AND m.status = 'active' AND u.status = 'active'`;
      const row = rows[0];
      if (!row || !isRole(row.role)) return null;

      return {
        userId: access.subject,
        sessionId: access.sessionId,
        role: row.role,
        userName: row.user_name,
        userEmail: row.email,
        practiceName: row.practice_name,
      };
    },
    { userId: access.subject },
  );
}
