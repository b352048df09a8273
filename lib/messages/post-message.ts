import 'server-only';

import { actorId } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { findPracticeOrThrow, findReferralOrThrow } from '@/lib/referrals/find-referral';
import { notifyReferringVet } from '@/lib/referrals/notify-referring-vet';
import { parseInput } from '@/lib/referrals/parse-input';
import { requireRolePermission, type WorkflowContext } from '@/lib/referrals/workflow-context';

import { postMessageSchema, type PostMessageInput } from './post-message.schema';

/**
 * Adds a message to a referral's thread (shared with the referring vet) or an internal
 * note. The author is whoever acts; their own message counts as read by them. A staff
 * message to the thread emails the referring vet; a guest's message waits in the inbox.
 */
export async function postMessage(db: PracticeDb, ctx: WorkflowContext, raw: PostMessageInput) {
  const input = parseInput(postMessageSchema, raw);
  if (ctx.actor.type === 'guest' && input.visibility !== 'shared') throw new AppError('forbidden');
  if (ctx.actor.type !== 'guest') {
    requireRolePermission(ctx, input.visibility === 'internal' ? 'note.post' : 'message.post');
  }
  const referral = await findReferralOrThrow(db, ctx, input.referralId);
  if (referral.status === 'draft' && ctx.actor.type === 'guest') throw new AppError('not_found');

  const message = await db.message.create({
    data: {
      practiceId: ctx.practiceId,
      referralId: referral.id,
      visibility: input.visibility,
      authorType: ctx.actor.type,
      authorId: actorId(ctx.actor),
      authorName: (ctx.userName || ctx.actor.label).slice(0, 200) || 'Unknown',
      body: input.body,
      createdAt: new Date(),
    },
  });
  const reader = readerOf(ctx);
  if (reader) {
    await db.messageRead.create({
      data: {
        practiceId: ctx.practiceId,
        messageId: message.id,
        referralId: referral.id,
        ...reader,
      },
    });
  }
  await recordAuditEvent(db, ctx, {
    action: input.visibility === 'internal' ? 'note.posted' : 'message.posted',
    entityType: 'message',
    entityId: message.id,
    metadata: { referralId: referral.id, visibility: input.visibility },
  });
  if (input.visibility === 'shared' && ctx.actor.type !== 'guest') {
    await notifyReferringVet(db, ctx, referral, 'message', await findPracticeOrThrow(db, ctx));
  }

  return message;
}

/** Who counts as having read: a staff user, or the referring vet's link. */
export function readerOf(
  ctx: WorkflowContext,
): { readerType: 'user' | 'guest'; readerId: string } | null {
  if (ctx.actor.type === 'user') return { readerType: 'user', readerId: ctx.actor.userId };
  if (ctx.actor.type === 'guest') return { readerType: 'guest', readerId: ctx.actor.linkId };

  return null;
}
