import 'server-only';

import { actorId, type PracticeContext } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import { enqueueEmail } from '@/lib/mail/enqueue-email';
import { parseInput } from '@/lib/referrals/parse-input';
import { upsertReferringVet } from '@/lib/referrals/upsert-referring-vet';

import { issueReferralLinkSchema, type IssueReferralLinkInput } from './issue-referral-link.schema';
import { LINK_POLICY } from './link-policy';
import { newLinkToken } from './tokens';

export interface IssuedLink {
  linkId: string;
  /** The full private URL; shown once and emailed, never stored or logged. */
  trackingUrl: string;
  email: string;
  expiresAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issues a private tracking link to one person for one referral and emails it. Links
 * are per person: another vet at the same clinic gets their own link (and referring
 * vet record), so each one's actions are attributed to them.
 */
export async function issueReferralLink(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: IssueReferralLinkInput,
): Promise<IssuedLink> {
  const input = parseInput(issueReferralLinkSchema, raw);
  const referral = await db.referral.findUnique({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: input.referralId } },
    include: { referringVet: true, referringClinic: true },
  });
  if (!referral) throw new AppError('not_found');
  const vet = input.recipient
    ? await upsertReferringVet(db, ctx, {
        clinicName: referral.referringClinic.name,
        name: input.recipient.name,
        email: input.recipient.email,
      })
    : referral.referringVet;

  const { token, hash } = newLinkToken();
  const link = await db.referralLink.create({
    data: {
      practiceId: ctx.practiceId,
      referralId: referral.id,
      referringVetId: vet.id,
      email: vet.email,
      tokenHash: new Uint8Array(hash),
      expiresAt: new Date(Date.now() + LINK_POLICY.trackingLinkDays * DAY_MS),
      createdByType: ctx.actor.type,
      createdById: actorId(ctx.actor),
    },
  });
  const trackingUrl = new URL(`/r/${token}`, getEnv().APP_ORIGIN).toString();
  await enqueueEmail(db, ctx, {
    to: vet.email,
    subject: `Your private link for referral ${referral.reference}`,
    text: [
      `Dear ${vet.name},`,
      `This private link shows referral ${referral.reference}: its status, messages, shared documents and the report. It is for you alone; please do not forward it.`,
      trackingUrl,
      `It works until ${link.expiresAt.toISOString().slice(0, 10)}.`,
    ].join('\n\n'),
    template: 'referral_link.issued',
  });
  await recordAuditEvent(db, ctx, {
    action: 'referral_link.issued',
    entityType: 'referral',
    entityId: referral.id,
    metadata: { linkId: link.id, referringVetId: vet.id, expiresAt: link.expiresAt.toISOString() },
  });

  return { linkId: link.id, trackingUrl, email: vet.email, expiresAt: link.expiresAt };
}
