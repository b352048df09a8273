import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

import type { WorkflowContext } from './workflow-context';

/** Active clinical members, who may be assigned referrals and appointments. */
export async function listClinicians(db: PracticeDb, ctx: WorkflowContext) {
  const rows = await db.$queryRaw<{ id: string; name: string; role: string }[]>`
    SELECT u.id, u.name, m.role
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.practice_id = ${ctx.practiceId}::uuid AND m.status = 'active'
      AND u.status = 'active' AND m.role IN ('owner', 'admin', 'clinician')
    ORDER BY lower(u.name), u.id`;

  return rows;
}
