import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

export type LinkStatus = 'active' | 'revoked' | 'expired';

export interface ReferralLinkSummary {
  id: string;
  recipientName: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  status: LinkStatus;
  /** Read receipts: shared documents this link's holder opened. */
  reads: { documentId: string; filename: string; kind: string; readAt: Date }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The links issued for a referral, newest first, with who holds them and what they read. */
export async function listReferralLinks(
  db: PracticeDb,
  ctx: PracticeContext,
  referralId: string,
  now = new Date(),
): Promise<ReferralLinkSummary[]> {
  if (!UUID.test(referralId)) throw new AppError('not_found');
  const referral = await db.referral.findUnique({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: referralId } },
    select: { id: true },
  });
  if (!referral) throw new AppError('not_found');

  const links = await db.referralLink.findMany({
    where: { practiceId: ctx.practiceId, referralId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const vets = await db.referringVet.findMany({
    where: { practiceId: ctx.practiceId, id: { in: links.map((l) => l.referringVetId) } },
    select: { id: true, name: true },
  });
  const reads = await db.linkDocumentRead.findMany({
    where: { practiceId: ctx.practiceId, referralId },
    orderBy: { readAt: 'asc' },
  });
  const docs = await db.document.findMany({
    where: { practiceId: ctx.practiceId, id: { in: [...new Set(reads.map((r) => r.documentId))] } },
    select: { id: true, filename: true, kind: true },
  });
  const vetName = new Map(vets.map((v) => [v.id, v.name]));
  const doc = new Map(docs.map((d) => [d.id, d]));

  return links.map((link) => ({
    id: link.id,
    recipientName: vetName.get(link.referringVetId) ?? link.email,
    email: link.email,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    lastUsedAt: link.lastUsedAt,
    status: link.revokedAt ? 'revoked' : link.expiresAt <= now ? 'expired' : 'active',
    reads: reads
      .filter((r) => r.linkId === link.id)
      .map((r) => ({
        documentId: r.documentId,
        filename: doc.get(r.documentId)?.filename ?? 'document',
        kind: doc.get(r.documentId)?.kind ?? 'other',
        readAt: r.readAt,
      })),
  }));
}

/** Earlier referrals intake flagged this one as possibly duplicating. */
export async function listPossibleDuplicates(
  db: PracticeDb,
  ctx: PracticeContext,
  referralId: string,
): Promise<{ id: string; reference: string; createdAt: Date }[]> {
  if (!UUID.test(referralId)) throw new AppError('not_found');
  const flags = await db.referralPossibleDuplicate.findMany({
    where: { practiceId: ctx.practiceId, referralId },
  });
  if (flags.length === 0) return [];

  return db.referral.findMany({
    where: { practiceId: ctx.practiceId, id: { in: flags.map((f) => f.duplicateOfId) } },
    select: { id: true, reference: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  });
}
