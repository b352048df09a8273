import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { requireReferral } from '@/lib/documents/create-document';
import { listDocuments } from '@/lib/documents/list-documents';
import { notFound } from '@/lib/http/errors';

import { listReports } from './list-reports';

/** What the report page needs: the referral's heading, its reports and its documents. */
export async function getReportWorkspace(db: PracticeDb, ctx: PracticeContext, referralId: string) {
  await requireReferral(db, ctx, referralId);
  const referral = await db.referral.findFirst({
    where: { practiceId: ctx.practiceId, id: referralId },
    select: { id: true, reference: true, patientName: true, species: true, status: true },
  });
  if (!referral) throw notFound();
  const reports = await listReports(db, ctx, referralId);
  const documents = await listDocuments(db, ctx, { referralId });

  return {
    referral,
    draft: reports.find((r) => r.status === 'draft') ?? null,
    sent: reports.filter((r) => r.status === 'sent'),
    documents,
  };
}
