import 'server-only';

import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import type { GuestContext } from './guest-context';
import { postGuestMessageSchema, type PostGuestMessageInput } from './post-guest-message.schema';

/** A reply from the link's holder, always on the shared thread of the link's referral. */
export async function postGuestMessage(
  db: PracticeDb,
  ctx: GuestContext,
  raw: PostGuestMessageInput,
): Promise<{ id: string }> {
  const input = parseInput(postGuestMessageSchema, raw);
  const link = await db.referralLink.findFirst({
    where: { practiceId: ctx.practiceId, id: ctx.linkId, referralId: ctx.referralId },
    select: { referringVetId: true },
  });
  if (!link) throw new AppError('not_found');
  const vet = await db.referringVet.findUnique({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: link.referringVetId } },
    select: { name: true },
  });
  const message = await db.message.create({
    data: {
      practiceId: ctx.practiceId,
      referralId: ctx.referralId,
      visibility: 'shared',
      authorType: 'guest',
      authorId: ctx.linkId,
      authorName: vet?.name ?? ctx.actor.label,
      body: input.body,
    },
    select: { id: true },
  });
  await recordAuditEvent(db, ctx, {
    action: 'message.posted',
    entityType: 'referral',
    entityId: ctx.referralId,
    metadata: { messageId: message.id, visibility: 'shared', linkId: ctx.linkId },
  });

  return message;
}
