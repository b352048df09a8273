'use client';

import { useActionState } from 'react';

import type { ActionState } from '@/lib/http/staff-action';

import styles from './auth.module.css';
import { Field, FormAlert } from './field';

type Action = (prev: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;

export function ResetPasswordForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const error = state.status === 'error' ? state : null;

  return (
    <form action={formAction} noValidate>
      <FormAlert message={error && !error.fields ? error.message : null} />
      <input type="hidden" name="token" value={token} />
      <Field
        name="password"
        label="New password (at least 12 characters)"
        type="password"
        autoComplete="new-password"
        required
        issues={error?.fields}
      />
      <Field
        name="confirm"
        label="Repeat it"
        type="password"
        autoComplete="new-password"
        required
        issues={error?.fields}
      />
      <button className={styles.button} type="submit" disabled={pending}>
        Set new password
      </button>
    </form>
  );
}
