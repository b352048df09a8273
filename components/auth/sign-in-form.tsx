'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';

import type { ActionState } from '@/lib/http/staff-action';

import styles from './auth.module.css';
import { Field, FormAlert } from './field';

type Action = (prev: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;

export function SignInForm({ action, ssoEnabled }: { action: Action; ssoEnabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  // React resets a form after its action runs; keep the email so a retry needs only the password.
  const [email, setEmail] = useState('');
  const error = state.status === 'error' ? state : null;

  return (
    <>
      <form action={formAction} noValidate>
        <FormAlert message={error && !error.fields ? error.message : null} />
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          issues={error?.fields}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          issues={error?.fields}
        />
        <button className={styles.button} type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <div className={styles.links}>
        <Link href="/forgot-password">Forgot your password?</Link>
        {ssoEnabled && (
          // A route handler (next-auth), not a page: it needs a full navigation, not <Link>.
          // eslint-disable-next-line @next/next/no-html-link-for-pages
          <a href="/api/auth/signin">Sign in with your organisation (SSO)</a>
        )}
      </div>
    </>
  );
}
