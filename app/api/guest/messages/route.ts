import { withPractice } from '@/lib/db/with-practice';
import { json } from '@/lib/http/respond';
import { guestRoute, seeOther, wantsJson } from '@/lib/links/guest-route';
import { postGuestMessage } from '@/lib/links/post-guest-message';

/** The referring vet replies on the shared thread of their link's referral (no id taken). */
export const POST = guestRoute({}, async ({ req, ctx }) => {
  const body = wantsJson(req)
    ? await req.json()
    : { body: String((await req.formData()).get('body') ?? '') };

  const message = await withPractice(ctx.practiceId, (db) => postGuestMessage(db, ctx, body));

  return wantsJson(req)
    ? json(message, { status: 201 })
    : seeOther('/r?notice=message_sent#messages');
});
