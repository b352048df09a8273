import { z } from 'zod';

import { ROLES } from '@/lib/auth/permissions';

export const createInvitationSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email('Enter an email address.').max(254),
  role: z.enum(ROLES, { message: 'Choose a role.' }),
});

export type CreateInvitationInput = z.input<typeof createInvitationSchema>;

export const invitationIdSchema = z.strictObject({
  invitationId: z.string().uuid(),
});

export type InvitationIdInput = z.input<typeof invitationIdSchema>;
