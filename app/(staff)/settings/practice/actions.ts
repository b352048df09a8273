'use server';

import { revalidatePath } from 'next/cache';

import { staffAction } from '@/lib/http/staff-action';
import { updatePracticeProfile } from '@/lib/settings/update-practice-profile';
import { updatePracticeProfileSchema } from '@/lib/settings/update-practice-profile.schema';
import { updateServiceLevels } from '@/lib/settings/update-service-levels';
import { updateServiceLevelsSchema } from '@/lib/settings/update-service-levels.schema';

function saved(changed: string[]) {
  return { message: changed.length ? `Saved: ${changed.join(', ')}.` : 'Nothing changed.' };
}

export const saveProfileAction = staffAction(
  'practice.manage',
  updatePracticeProfileSchema,
  async (ctx, input, db) => {
    const { changed } = await updatePracticeProfile(db, ctx, input);
    revalidatePath('/', 'layout');

    return saved(changed);
  },
);

export const saveServiceLevelsAction = staffAction(
  'practice.manage',
  updateServiceLevelsSchema,
  async (ctx, input, db) => {
    const { changed } = await updateServiceLevels(db, ctx, input);
    revalidatePath('/settings/service-levels');

    return saved(changed);
  },
);
