import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { findReferralOrThrow } from '@/lib/referrals/find-referral';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { readerOf } from './post-message';

/**
 * A referral's messages, oldest first. Staff see internal notes too; the referring vet
 * (a guest) sees the shared thread only. Each message says whether the caller has read
 * it and, for shared ones, whether the referring vet has.
 */
export async function listThread(db: PracticeDb, ctx: WorkflowContext, referralId: string) {
  const referral = await findReferralOrThrow(db, ctx, referralId);
  const guest = ctx.actor.type === 'guest';
  if (guest && referral.status === 'draft') throw new AppError('not_found');
  const reader = readerOf(ctx);

  const messages = await db.message.findMany({
    where: {
      practiceId: ctx.practiceId,
      referralId: referral.id,
      ...(guest ? { visibility: 'shared' } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
  const reads = await db.messageRead.findMany({
    where: { practiceId: ctx.practiceId, referralId: referral.id },
    select: { messageId: true, readerType: true, readerId: true, readAt: true },
  });

  return messages.map((m) => {
    const mine = reads.filter((r) => r.messageId === m.id);
    const vetRead = mine.find((r) => r.readerType === 'guest');

    return {
      id: m.id,
      visibility: m.visibility as 'shared' | 'internal',
      authorType: m.authorType,
      authorName: m.authorName,
      body: m.body,
      createdAt: m.createdAt,
      readByMe: reader
        ? mine.some((r) => r.readerType === reader.readerType && r.readerId === reader.readerId)
        : false,
      readByReferringVetAt: m.visibility === 'shared' ? (vetRead?.readAt ?? null) : null,
    };
  });
}

export type ThreadMessage = Awaited<ReturnType<typeof listThread>>[number];
