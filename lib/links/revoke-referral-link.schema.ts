import { z } from 'zod';

export const revokeReferralLinkSchema = z.strictObject({
  referralId: z.uuid(),
  linkId: z.uuid(),
});
export type RevokeReferralLinkInput = z.input<typeof revokeReferralLinkSchema>;
