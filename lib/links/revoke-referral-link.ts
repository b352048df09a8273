import 'server-only';

import type { PracticeContext } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { parseInput } from '@/lib/referrals/parse-input';

import {
  revokeReferralLinkSchema,
  type RevokeReferralLinkInput,
} from './revoke-referral-link.schema';

/** Revokes a link and every session it opened; the holder's next request is refused. */
export async function revokeReferralLink(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: RevokeReferralLinkInput,
): Promise<void> {
  const input = parseInput(revokeReferralLinkSchema, raw);
  const link = await db.referralLink.findFirst({
    where: { practiceId: ctx.practiceId, id: input.linkId, referralId: input.referralId },
  });
  if (!link) throw new AppError('not_found');
  if (link.revokedAt) return;

  const now = new Date();
  await db.referralLink.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: link.id } },
    data: { revokedAt: now },
  });
  const sessions = await db.guestSession.updateMany({
    where: { practiceId: ctx.practiceId, linkId: link.id, revokedAt: null },
    data: { revokedAt: now },
  });
  await recordAuditEvent(db, ctx, {
    action: 'referral_link.revoked',
    entityType: 'referral',
    entityId: link.referralId,
    metadata: { linkId: link.id, sessionsEnded: sessions.count },
  });
}
