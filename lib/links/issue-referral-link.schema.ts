import { z } from 'zod';

export const issueReferralLinkSchema = z.strictObject({
  referralId: z.uuid(),
  /** Another person at the referring clinic; without it, the referral's own vet. */
  recipient: z
    .strictObject({
      name: z.string().trim().min(1, 'Required').max(200),
      email: z
        .email('Enter an email address')
        .max(254)
        .transform((v) => v.toLowerCase()),
    })
    .optional(),
});
export type IssueReferralLinkInput = z.input<typeof issueReferralLinkSchema>;
