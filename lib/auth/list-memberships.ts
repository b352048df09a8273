import 'server-only';

import { authQuery } from './auth-db';
import { isRole, type Role } from './permissions';

export interface MembershipChoice {
  practiceId: string;
  practiceName: string;
  role: Role;
}

/** The practices a person may act in now (active user, active membership). */
export async function listMemberships(userId: string): Promise<MembershipChoice[]> {
  const rows = await authQuery<{ practice_id: string; practice_name: string; role: string }>`
    SELECT practice_id, practice_name, role FROM auth.list_memberships(${userId}::uuid)`;

  return rows.flatMap((r) =>
    isRole(r.role)
      ? [{ practiceId: r.practice_id, practiceName: r.practice_name, role: r.role }]
      : [],
  );
}
