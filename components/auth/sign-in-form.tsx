'use client';

import Link from 'next/link';
import { useActionState } from 'react';

import type { ActionState } from '@/lib/http/staff-action';

import styles from './auth.module.css';
import { Field, FormAlert } from './field';

type Action = (prev: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;

export function SignInForm({ action, ssoEnabled }: { action: Action; ssoEnabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
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
        {ssoEnabled && <a href="/api/auth/signin/oidc">Sign in with your organisation</a>}
      </div>
    </>
  );
}
