import { z } from 'zod';

import { ROLES } from './permissions';

export const createStaffUserSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  /** Omitted for accounts that sign in only through the practice's SSO. */
  password: z.string().optional(),
});

export type CreateStaffUserInput = z.infer<typeof createStaffUserSchema>;
