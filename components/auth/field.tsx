import type { InputHTMLAttributes } from 'react';

import type { FieldIssue } from '@/lib/http/errors';

import styles from './auth.module.css';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  issues?: FieldIssue[];
}

/** A labelled input whose errors are announced with it (aria-describedby). */
export function Field({ name, label, issues, ...input }: FieldProps) {
  const messages = (issues ?? []).filter((i) => i.path === name).map((i) => i.message);
  const errorId = `${name}-error`;

  return (
    <div className={styles.field}>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={messages.length > 0 ? errorId : undefined}
        {...input}
      />
      {messages.length > 0 && (
        <p id={errorId} className={styles.error}>
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;

  return (
    <div role="alert" aria-live="assertive" className={`${styles.alert} form-alert`}>
      {message}
    </div>
  );
}
