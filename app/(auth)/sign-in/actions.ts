'use server';

import { redirect } from 'next/navigation';

import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { signInSchema } from '@/lib/auth/sign-in-with-password.schema';
import { parseForm } from '@/lib/http/parse';
import { toActionError, type ActionState } from '@/lib/http/staff-action';

import { currentRequestMeta, replaceSessionCookie } from '../auth-cookie';

export async function signInAction(
  _prev: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const request = await currentRequestMeta();
  let destination: string;
  try {
    const outcome = await signInWithPassword(parseForm(formData, signInSchema), request);
    if (outcome.status === 'refused') {
      return {
        status: 'error',
        code: 'unauthenticated',
        message: 'That email and password do not match an account that can sign in now.',
      };
    }
    await replaceSessionCookie(outcome.token);
    destination =
      outcome.status === 'mfa_required'
        ? '/sign-in/mfa'
        : outcome.practices.length > 1
          ? '/select-practice'
          : '/dashboard';
  } catch (error) {
    return toActionError(error, request.requestId);
  }
  redirect(destination);
}
