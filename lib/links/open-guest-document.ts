import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { openDocumentStream, type OpenedDocument } from '@/lib/documents/open-document-stream';

import type { GuestContext } from './guest-context';

/**
 * A shared document of the guest's own referral, as a decrypting stream, with a read
 * receipt for staff. Internal documents and other referrals' documents are not_found
 * (the documents op filters by referral and visibility).
 */
export async function openGuestDocument(
  db: PracticeDb,
  ctx: GuestContext,
  documentId: string,
): Promise<OpenedDocument> {
  const opened = await openDocumentStream(db, ctx, documentId, {
    guest: true,
    referralId: ctx.referralId,
    purpose: 'download',
  });
  await db.linkDocumentRead.create({
    data: {
      practiceId: ctx.practiceId,
      linkId: ctx.linkId,
      referralId: ctx.referralId,
      documentId: opened.document.id,
    },
  });

  return opened;
}
