import 'server-only';

import { isIP } from 'node:net';

import type { PracticeContext, RequestMeta } from '@/lib/auth/actor';
import { authQuery } from '@/lib/auth/auth-db';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { logger } from '@/lib/log/logger';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import { guestContext } from './guest-context';
import type { GuestCookie } from './guest-cookie';
import { LINK_POLICY, requiresStepUp } from './link-policy';
import { sendStepUpCode } from './send-step-up-code';
import { hashLinkToken, isWellFormedToken } from './tokens';

export interface OpenedLink {
  cookie: GuestCookie;
  stepUpRequired: boolean;
}

/**
 * Exchanges a tracking-link token for a new guest session. Opening is rate limited per
 * IP before anything else, so guessing tokens is slow; an unknown, expired or revoked
 * token answers the same not_found. A practice that asks for step-up gets a session
 * that can do nothing until the emailed code is entered.
 */
export async function openReferralLink(token: string, meta: RequestMeta): Promise<OpenedLink> {
  await requireWithinLimit('link_open', meta.ip ?? 'unknown');
  if (!isWellFormedToken(token)) throw new AppError('not_found');

  const rows = await authQuery<{ practice_id: string; link_id: string }>`
    SELECT practice_id, link_id FROM auth.resolve_referral_link(${hashLinkToken(token)})`;
  const found = rows[0];
  if (!found) throw new AppError('not_found');

  const opened = await withPractice(found.practice_id, (db) => openInPractice(db, found, meta));
  if (!opened) throw new AppError('not_found');

  return opened;
}

type Found = { practice_id: string; link_id: string };

async function openInPractice(
  db: PracticeDb,
  found: Found,
  meta: RequestMeta,
): Promise<OpenedLink | null> {
  const link = await db.referralLink.findUnique({
    where: { practiceId_id: { practiceId: found.practice_id, id: found.link_id } },
  });
  if (!link) return null;
  const now = new Date();
  const linkCtx: PracticeContext = {
    practiceId: link.practiceId,
    actor: { type: 'guest', linkId: link.id, label: link.email },
    request: meta,
  };
  if (link.revokedAt || link.expiresAt <= now) {
    await recordRefusal(db, linkCtx, link);

    return null;
  }

  const practice = await db.practice.findUnique({
    where: { id: link.practiceId },
    select: { settings: true },
  });
  const stepUpRequired = requiresStepUp(practice?.settings);
  const session = await db.guestSession.create({
    data: {
      practiceId: link.practiceId,
      linkId: link.id,
      referralId: link.referralId,
      expiresAt: new Date(now.getTime() + LINK_POLICY.guestAbsoluteMs),
      stepUpRequired,
      ip: meta.ip && isIP(meta.ip) ? meta.ip : null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    },
  });
  await db.referralLink.update({
    where: { practiceId_id: { practiceId: link.practiceId, id: link.id } },
    data: { lastUsedAt: now },
  });
  await recordAuditEvent(db, linkCtx, {
    action: 'referral_link.opened',
    entityType: 'referral',
    entityId: link.referralId,
    metadata: { linkId: link.id, guestSessionId: session.id, stepUpRequired },
  });
  if (stepUpRequired) {
    const ctx = guestContext({ ...link, linkId: link.id, sessionId: session.id }, meta);
    await sendStepUpCode(db, ctx);
  }

  return {
    cookie: {
      sessionId: session.id,
      linkId: link.id,
      referralId: link.referralId,
      practiceId: link.practiceId,
    },
    stepUpRequired,
  };
}

/** Recorded so staff can see a revoked or expired link being tried; the caller learns nothing. */
async function recordRefusal(
  db: PracticeDb,
  ctx: PracticeContext,
  link: { id: string; referralId: string; revokedAt: Date | null },
): Promise<void> {
  await recordAuditEvent(db, ctx, {
    action: 'referral_link.refused',
    entityType: 'referral_link',
    entityId: link.id,
    metadata: { referralId: link.referralId, reason: link.revokedAt ? 'revoked' : 'expired' },
  });
  logger.info({ linkId: link.id }, 'referral link refused');
}
