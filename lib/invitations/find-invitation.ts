import 'server-only';

import { authQuery } from '@/lib/auth/auth-db';
import { isRole, type Role } from '@/lib/auth/permissions';
import { sha256 } from '@/lib/auth/tokens';

import { INVITATION_TOKEN } from './invitation-policy';

export interface LiveInvitation {
  practiceId: string;
  invitationId: string;
  email: string;
  role: Role;
  practiceName: string;
  expiresAt: Date;
  accountExists: boolean;
}

/**
 * The live invitation behind a link, before any practice is known (the link is all the
 * invitee has); null for a malformed, unknown, spent, revoked or expired one alike.
 */
export async function findInvitation(token: string): Promise<LiveInvitation | null> {
  if (!INVITATION_TOKEN.test(token)) return null;
  const [row] = await authQuery<{
    practice_id: string;
    invitation_id: string;
    email: string;
    role: string;
    practice_name: string;
    expires_at: Date;
    account_exists: boolean;
  }>`SELECT * FROM auth.find_invitation(${sha256(token)})`;
  if (!row || !isRole(row.role)) return null;

  return {
    practiceId: row.practice_id,
    invitationId: row.invitation_id,
    email: row.email,
    role: row.role,
    practiceName: row.practice_name,
    expiresAt: row.expires_at,
    accountExists: row.account_exists,
  };
}
