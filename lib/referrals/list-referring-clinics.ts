import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

import type { WorkflowContext } from './workflow-context';

/** Referring clinics of the practice, for filters and pickers. */
export async function listReferringClinics(db: PracticeDb, ctx: WorkflowContext) {
  return db.referringClinic.findMany({
    where: { practiceId: ctx.practiceId },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
    take: 500,
  });
}
