'use server';

import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { forgotPasswordSchema } from '@/lib/auth/reset-password.schema';
import { parseForm } from '@/lib/http/parse';
import { toActionError, type ActionState } from '@/lib/http/staff-action';

import { currentRequestMeta } from '../auth-cookie';

export async function forgotPasswordAction(
  _prev: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const request = await currentRequestMeta();
  try {
    const { email } = parseForm(formData, forgotPasswordSchema);
    await requestPasswordReset(email, request);

    return { status: 'ok', data: null };
  } catch (error) {
    return toActionError(error, request.requestId);
  }
}
