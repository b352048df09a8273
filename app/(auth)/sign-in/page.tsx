import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignInForm } from '@/components/auth/sign-in-form';
import { getOptionalStaff } from '@/lib/auth/require-staff';
import { isOidcEnabled } from '@/lib/auth/oidc-enabled';

import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getOptionalStaff()) redirect('/dashboard');

  return (
    <>
      <h1>Sign in to VetLoop</h1>
      <SignInForm action={signInAction} ssoEnabled={isOidcEnabled()} />
    </>
  );
}
