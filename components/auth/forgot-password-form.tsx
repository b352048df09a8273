'use client';

import { useActionState } from 'react';

import type { ActionState } from '@/lib/http/staff-action';

import styles from './auth.module.css';
import { Field, FormAlert } from './field';

type Action = (prev: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;

export function ForgotPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  if (state.status === 'ok') {
    return (
      <p role="status" className={styles.notice}>
        If that email belongs to an account, a reset link is on its way. It works once, for 30
        minutes.
      </p>
    );
  }
  const error = state.status === 'error' ? state : null;

  return (
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
      <button className={styles.button} type="submit" disabled={pending}>
        Send reset link
      </button>
    </form>
  );
}
