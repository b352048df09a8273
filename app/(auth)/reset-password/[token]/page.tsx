import type { Metadata } from 'next';
import Link from 'next/link';

import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { isResetLinkLive } from '@/lib/auth/reset-password';

import { resetPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  if (!(await isResetLinkLive(token))) {
    return (
      <>
        <h1>This link no longer works</h1>
        <p>Reset links work once and only for 30 minutes.</p>
        <Link href="/forgot-password">Ask for a new link</Link>
      </>
    );
  }

  return (
    <>
      <h1>Choose a new password</h1>
      <p>Signing in everywhere else ends when you save it.</p>
      <ResetPasswordForm action={resetPasswordAction} token={token} />
    </>
  );
}
