import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';

export interface TrackingLinkRow {
  id: string;
  referralId: string;
  reference: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

/**
 * The practice's live tracking links across all referrals (the referral page lists one
 * referral's), newest first, for the settings page to review and revoke.
 */
export async function listTrackingLinks(
  db: PracticeDb,
  ctx: PracticeContext,
  now = new Date(),
): Promise<TrackingLinkRow[]> {
  const links = await db.referralLink.findMany({
    where: { practiceId: ctx.practiceId, revokedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      referralId: true,
      email: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 500,
  });
  const referrals = await db.referral.findMany({
    where: { practiceId: ctx.practiceId, id: { in: [...new Set(links.map((l) => l.referralId))] } },
    select: { id: true, reference: true },
  });
  const reference = new Map(referrals.map((r) => [r.id, r.reference]));

  return links.map((l) => ({ ...l, reference: reference.get(l.referralId) ?? '' }));
}
