'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { staffAction } from '@/lib/http/staff-action';
import { issueReferralLink } from '@/lib/links/issue-referral-link';
import { revokeReferralLink } from '@/lib/links/revoke-referral-link';
import { revokeReferralLinkSchema } from '@/lib/links/revoke-referral-link.schema';
import { rotateIntakeLink } from '@/lib/links/rotate-intake-link';
import { rotateIntakeLinkSchema } from '@/lib/links/rotate-intake-link.schema';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// The form is flat; "another vet" is given by both fields or neither.
const issueLinkFormSchema = z
  .strictObject({
    referralId: z.uuid(),
    name: z.preprocess(blank, z.string().trim().max(200).optional()),
    email: z.preprocess(blank, z.email('Enter an email address').max(254).optional()),
  })
  .refine((v) => (v.name === undefined) === (v.email === undefined), {
    message: 'Give both a name and an email for another vet, or neither',
    path: ['email'],
  });

export const issueLinkAction = staffAction(
  'link.manage',
  issueLinkFormSchema,
  async (ctx, input, db) => {
    const recipient =
      input.name && input.email ? { name: input.name, email: input.email } : undefined;
    const issued = await issueReferralLink(db, ctx, { referralId: input.referralId, recipient });
    revalidatePath('/referrals/[id]', 'page');

    return { email: issued.email, trackingUrl: issued.trackingUrl };
  },
);

export const revokeLinkAction = staffAction(
  'link.manage',
  revokeReferralLinkSchema,
  async (ctx, input, db) => {
    await revokeReferralLink(db, ctx, input);
    revalidatePath('/referrals/[id]', 'page');

    return { linkId: input.linkId };
  },
);

export const rotateIntakeLinkAction = staffAction(
  'practice.manage',
  rotateIntakeLinkSchema,
  async (ctx, input, db) => rotateIntakeLink(db, ctx, input),
);
