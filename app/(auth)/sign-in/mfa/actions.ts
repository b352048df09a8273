'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';

import { completeMfaChallenge } from '@/lib/auth/complete-mfa-challenge';
import { listMemberships } from '@/lib/auth/list-memberships';
import { parseForm } from '@/lib/http/parse';
import { toActionError, type ActionState } from '@/lib/http/staff-action';

import { currentRequestMeta, readSessionToken, replaceSessionCookie } from '../../auth-cookie';

const schema = z.strictObject({
  code: z.string().trim().min(6, 'Enter the code from your app or a recovery code.').max(20),
});

export async function mfaChallengeAction(
  _prev: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const request = await currentRequestMeta();
  let destination = '/dashboard';
  try {
    const token = await readSessionToken();
    const { code } = parseForm(formData, schema);
    const outcome = token ? await completeMfaChallenge(token, code, request) : null;
    if (!outcome || outcome.status === 'no_challenge') {
      destination = '/sign-in';
    } else if (outcome.status === 'wrong_code') {
      return {
        status: 'error',
        code: 'validation_failed',
        message: 'That code is not right.',
        fields: [{ path: 'code', message: 'That code is not right, or was already used.' }],
      };
    } else {
      await replaceSessionCookie(outcome.session.token);
      if ((await listMemberships(outcome.userId)).length > 1) destination = '/select-practice';
    }
  } catch (error) {
    return toActionError(error, request.requestId);
  }
  redirect(destination);
}
