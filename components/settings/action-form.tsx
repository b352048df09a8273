'use client';

import { useActionState, type ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button, type ButtonVariant } from '@/components/ui/button';

import { IDLE, type SettingsAction } from './action-types';
import styles from './settings.module.css';

/**
 * A settings form bound to one server action: the outcome is announced, and each field
 * the server refused is named with its reason (the server is the one validator).
 */
export function ActionForm({
  action,
  submitLabel,
  variant = 'primary',
  inline = false,
  children,
}: {
  action: SettingsAction;
  submitLabel: string;
  variant?: ButtonVariant;
  inline?: boolean;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);

  return (
    <form action={formAction} className={inline ? styles.inlineForm : styles.form}>
      {children}
      <div className={styles.formActions}>
        <Button
          type="submit"
          variant={variant}
          size={inline ? 'small' : 'normal'}
          disabled={pending}
        >
          {pending ? 'Working…' : submitLabel}
        </Button>
      </div>
      {state.status === 'error' ? (
        <Alert tone="error">
          {state.message}
          {state.fields?.length ? (
            <ul>
              {state.fields.map((f) => (
                <li key={`${f.path}:${f.message}`}>
                  {f.path}: {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {state.status === 'ok' ? <Alert tone="success">{state.data.message}</Alert> : null}
    </form>
  );
}
