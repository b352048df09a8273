'use server';

import { revalidatePath } from 'next/cache';

import { staffAction } from '@/lib/http/staff-action';
import { revokeReferralLink } from '@/lib/links/revoke-referral-link';
import { revokeReferralLinkSchema } from '@/lib/links/revoke-referral-link.schema';
import { rotateIntakeLink } from '@/lib/links/rotate-intake-link';
import { rotateIntakeLinkSchema } from '@/lib/links/rotate-intake-link.schema';

// The intake link is the practice's one public door: changing it is an admin's call, as on
// the practice settings page, even though every staff member manages tracking links here.
export const rotateIntakeLinkAction = staffAction(
  'practice.manage',
  rotateIntakeLinkSchema,
  async (ctx, input, db) => {
    const { intakeUrl } = await rotateIntakeLink(db, ctx, input);
    revalidatePath('/settings/links');

    // The URL is shown once: only its hash is kept, so it cannot be listed later.
    return { message: `New intake link (the old one no longer works): ${intakeUrl}` };
  },
);

export const revokeTrackingLinkAction = staffAction(
  'link.manage',
  revokeReferralLinkSchema,
  async (ctx, input, db) => {
    await revokeReferralLink(db, ctx, input);
    revalidatePath('/settings/links');

    return { message: 'Link revoked; its holder is refused from their next request.' };
  },
);
