import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { notFound } from '@/lib/http/errors';

import type { ChangeDocumentVisibilityInput } from './change-document-visibility.schema';
import { DOCUMENT_VIEW_SELECT, toDocumentView, type DocumentView } from './document-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shares a document with the referring vet or makes it internal again; audited. */
export async function changeDocumentVisibility(
  db: PracticeDb,
  ctx: PracticeContext,
  input: ChangeDocumentVisibilityInput & { referralId: string; documentId: string },
): Promise<DocumentView> {
  if (!UUID.test(input.documentId) || !UUID.test(input.referralId)) throw notFound();
  const where = { practiceId: ctx.practiceId, id: input.documentId, referralId: input.referralId };
  const before = await db.document.findFirst({ where, select: DOCUMENT_VIEW_SELECT });
  if (!before) throw notFound();
  if (before.visibility === input.visibility) return toDocumentView(before);

  // The row is keyed by (practice_id, id); the practice is part of the write, not just RLS.
  const after = await db.document.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: before.id } },
    data: { visibility: input.visibility },
    select: DOCUMENT_VIEW_SELECT,
  });
  await recordAuditEvent(db, ctx, {
    action: 'document.visibility_changed',
    entityType: 'document',
    entityId: before.id,
    changes: diffFields({ visibility: before.visibility }, { visibility: after.visibility }),
    metadata: { referralId: before.referralId },
  });

  return toDocumentView(after);
}
