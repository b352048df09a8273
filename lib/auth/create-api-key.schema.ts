import { z } from 'zod';

import { PERMISSIONS, ROLES, type Permission } from './permissions';

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  /** Limits the key below its role; defaults to everything the role may do. */
  scopes: z.array(z.enum(PERMISSION_NAMES)).min(1).max(50).optional(),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
