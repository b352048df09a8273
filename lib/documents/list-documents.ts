import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

import { requireReferral } from './create-document';
import { DOCUMENT_VIEW_SELECT, toDocumentView, type DocumentView } from './document-view';

/** A referral's documents, oldest first; a guest sees only the shared ones. */
export async function listDocuments(
  db: PracticeDb,
  ctx: PracticeContext,
  input: { referralId: string; guest?: boolean },
): Promise<DocumentView[]> {
  const referral = await requireReferral(db, ctx, input.referralId);
  const rows = await db.document.findMany({
    where: {
      practiceId: ctx.practiceId,
      referralId: referral.id,
      ...(input.guest ? { visibility: 'shared' } : {}),
    },
    select: DOCUMENT_VIEW_SELECT,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });

  return rows.map(toDocumentView);
}
