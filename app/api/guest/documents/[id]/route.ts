import { withPractice } from '@/lib/db/with-practice';
import { documentResponse } from '@/lib/documents/document-response';
import { guestRoute } from '@/lib/links/guest-route';
import { openGuestDocument } from '@/lib/links/open-guest-document';

/** A shared document of the guest's own referral, with a read receipt for staff. */
export const GET = guestRoute<{ id: string }>({}, async ({ params, ctx }) => {
  const opened = await withPractice(ctx.practiceId, (db) => openGuestDocument(db, ctx, params.id));

  return documentResponse(opened.document, opened.stream, 'attachment');
});
