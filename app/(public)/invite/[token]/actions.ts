'use server';

import { redirect } from 'next/navigation';

import { currentRequestMeta, replaceSessionCookie } from '@/app/(auth)/auth-cookie';
import { parseForm } from '@/lib/http/parse';
import { toActionError, type ActionState } from '@/lib/http/staff-action';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { acceptInvitationSchema } from '@/lib/invitations/accept-invitation.schema';

type Joined = { message: string };

/**
 * Public: the invitation token is the only authority. A newcomer is signed in and sent
 * to set up two-factor authentication; an existing account is told to sign in.
 */
export async function acceptInvitationAction(
  _prev: ActionState<Joined>,
  formData: FormData,
): Promise<ActionState<Joined>> {
  const request = await currentRequestMeta();
  let signedIn = false;
  try {
    const outcome = await acceptInvitation(parseForm(formData, acceptInvitationSchema), request);
    if (outcome.status === 'joined') {
      return {
        status: 'ok',
        data: { message: 'You have joined the practice. Sign in to continue.' },
      };
    }
    await replaceSessionCookie(outcome.token);
    signedIn = true;
  } catch (error) {
    return toActionError(error, request.requestId);
  }
  if (signedIn) redirect('/account/security?welcome=1');

  return { status: 'idle' };
}
