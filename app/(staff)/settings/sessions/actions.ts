'use server';

import { revalidatePath } from 'next/cache';

import { staffAction } from '@/lib/http/staff-action';
import { revokeSession } from '@/lib/members/revoke-session';
import { revokeSessionSchema } from '@/lib/members/revoke-session.schema';

export const revokeSessionAction = staffAction(
  'session.manage',
  revokeSessionSchema,
  async (ctx, input, db) => {
    const { revoked } = await revokeSession(db, ctx, input);
    revalidatePath('/settings/sessions');

    return { message: revoked ? 'Session ended.' : 'That session had already ended.' };
  },
);
