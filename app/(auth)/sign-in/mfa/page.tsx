import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { CodeForm } from '@/components/auth/code-form';
import { resolveSession } from '@/lib/auth/resolve-session';

import { readSessionToken } from '../../auth-cookie';

import { mfaChallengeAction } from './actions';

export const metadata: Metadata = { title: 'Two-step verification' };

export default async function MfaChallengePage() {
  const token = await readSessionToken();
  const session = token ? await resolveSession(token) : null;
  if (!session?.pendingMfa) redirect(session ? '/dashboard' : '/sign-in');

  return (
    <>
      <h1>Two-step verification</h1>
      <CodeForm
        action={mfaChallengeAction}
        submit="Verify"
        hint="Enter the 6-digit code from your authenticator app, or one of your recovery codes."
      />
    </>
  );
}
