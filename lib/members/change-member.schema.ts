import { z } from 'zod';

import { ROLES } from '@/lib/auth/permissions';

export const changeMemberRoleSchema = z.strictObject({
  userId: z.string().uuid(),
  role: z.enum(ROLES, { message: 'Choose a role.' }),
});
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

export const memberIdSchema = z.strictObject({
  userId: z.string().uuid(),
});
export type MemberIdInput = z.input<typeof memberIdSchema>;
