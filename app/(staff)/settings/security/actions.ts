'use server';

import { revalidatePath } from 'next/cache';

import { staffAction } from '@/lib/http/staff-action';
import { updateSecuritySettings } from '@/lib/settings/update-security-settings';
import { updateSecuritySettingsSchema } from '@/lib/settings/update-security-settings.schema';

export const saveSecurityAction = staffAction(
  'security.manage',
  updateSecuritySettingsSchema,
  async (ctx, input, db) => {
    const { changed } = await updateSecuritySettings(db, ctx, input);
    revalidatePath('/settings/security');

    return { message: changed.length ? `Saved: ${changed.join(', ')}.` : 'Nothing changed.' };
  },
);
