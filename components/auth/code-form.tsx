'use client';

import { useActionState } from 'react';

import type { ActionState } from '@/lib/http/staff-action';

import styles from './auth.module.css';
import { Field, FormAlert } from './field';

type Action = (prev: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;

/** One code field: the MFA challenge, and confirming before turning MFA off. */
export function CodeForm({
  action,
  submit,
  hint,
}: {
  action: Action;
  submit: string;
  hint: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const error = state.status === 'error' ? state : null;

  return (
    <form action={formAction} noValidate>
      <FormAlert message={error && !error.fields ? error.message : null} />
      <p className={styles.muted}>{hint}</p>
      <Field
        name="code"
        label="Code"
        inputMode="text"
        autoComplete="one-time-code"
        autoFocus
        required
        issues={error?.fields}
      />
      <button className={styles.button} type="submit" disabled={pending}>
        {submit}
      </button>
    </form>
  );
}
