import { AppError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { attachmentsFrom } from '@/lib/intake/attachments';
import { guestRoute, seeOther, wantsJson } from '@/lib/links/guest-route';
import { uploadGuestRecords } from '@/lib/links/upload-guest-records';

/** Missing records from the referring vet; answers a Needs info request. */
export const POST = guestRoute({}, async ({ req, ctx }) => {
  const form = await req.formData().catch(() => {
    throw new AppError('bad_request', 'Send the files as a multipart form.');
  });

  const result = await uploadGuestRecords(ctx, attachmentsFrom(form.getAll('attachments')));

  if (wantsJson(req)) return json(result, { status: 201 });

  return seeOther(`/r?notice=${result.answeredRequest ? 'answered' : 'uploaded'}#documents`);
});
