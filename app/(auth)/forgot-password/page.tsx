import type { Metadata } from 'next';
import Link from 'next/link';

import styles from '@/components/auth/auth.module.css';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';

import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1>Reset your password</h1>
      <ForgotPasswordForm action={forgotPasswordAction} />
      <div className={styles.links}>
        <Link href="/sign-in">Back to sign-in</Link>
      </div>
    </>
  );
}
