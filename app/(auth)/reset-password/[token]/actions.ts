'use server';

import { redirect } from 'next/navigation';

import { resetPassword } from '@/lib/auth/reset-password';
import { resetPasswordSchema } from '@/lib/auth/reset-password.schema';
import { parseForm } from '@/lib/http/parse';
import { toActionError, type ActionState } from '@/lib/http/staff-action';
import { requireWithinLimit } from '@/lib/rate-limit/limit';

import { currentRequestMeta } from '../../auth-cookie';

export async function resetPasswordAction(
  _prev: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const request = await currentRequestMeta();
  try {
    await requireWithinLimit('password_reset', request.ip ?? 'unknown');
    await resetPassword(parseForm(formData, resetPasswordSchema), request);
  } catch (error) {
    return toActionError(error, request.requestId);
  }
  redirect('/sign-in?reset=1');
}
