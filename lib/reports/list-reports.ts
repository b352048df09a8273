import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { requireReferral } from '@/lib/documents/create-document';

import { REPORT_SELECT, type ReportView } from './report-view';

/** A referral's reports: open drafts and those already sent, newest first. */
export async function listReports(
  db: PracticeDb,
  ctx: PracticeContext,
  referralId: string,
): Promise<ReportView[]> {
  const referral = await requireReferral(db, ctx, referralId);

  return db.report.findMany({
    where: { practiceId: ctx.practiceId, referralId: referral.id },
    select: REPORT_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
}
