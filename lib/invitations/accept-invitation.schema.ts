import { z } from 'zod';

import { INVITATION_TOKEN } from './invitation-policy';

/** Name and password are needed only when the invitee has no account yet. */
export const acceptInvitationSchema = z.strictObject({
  token: z.string().regex(INVITATION_TOKEN, 'This invitation link is not valid.'),
  name: z.string().trim().max(200).optional(),
  password: z.string().max(1024).optional(),
  confirm: z.string().max(1024).optional(),
});

export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;
