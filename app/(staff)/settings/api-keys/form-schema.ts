import { z } from 'zod';

import { PERMISSIONS, ROLES, type Permission } from '@/lib/auth/permissions';
import { wholeNumber } from '@/lib/settings/form-fields';

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

/** The create-key form as posted (scopes are checkboxes); createApiKey checks it again. */
export const apiKeyFormSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the key.').max(100),
  role: z.enum(ROLES, { message: 'Choose a role.' }),
  scopes: z
    .union([z.enum(PERMISSION_NAMES), z.array(z.enum(PERMISSION_NAMES)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  expiresInDays: wholeNumber(1, 365),
});

export const apiKeyIdSchema = z.strictObject({ apiKeyId: z.string().uuid() });
