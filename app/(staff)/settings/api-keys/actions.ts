'use server';

import { revalidatePath } from 'next/cache';

import { createApiKey } from '@/lib/auth/create-api-key';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { staffAction } from '@/lib/http/staff-action';

import { apiKeyFormSchema, apiKeyIdSchema } from './form-schema';

export const createApiKeyAction = staffAction(
  'apikey.manage',
  apiKeyFormSchema,
  async (ctx, input, db) => {
    const key = await createApiKey(db, ctx, input);
    revalidatePath('/settings/api-keys');

    return { message: `Key “${key.name}” created.`, secret: key.secret };
  },
);

export const revokeApiKeyAction = staffAction(
  'apikey.manage',
  apiKeyIdSchema,
  async (ctx, input, db) => {
    await revokeApiKey(db, ctx, input.apiKeyId);
    revalidatePath('/settings/api-keys');

    return { message: 'Key revoked; programs using it are refused from their next request.' };
  },
);
