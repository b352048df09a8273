import type { ComponentProps, ReactNode } from 'react';

import styles from './ui.module.css';

interface FieldProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}

/**
 * A label, the control, a hint and an error, wired for assistive technology: give the
 * control `{...describedBy(id, error, hint)}` so its hint and error are read with it.
 */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className={styles.error} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: ReactNode) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');

  return {
    id,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

// ComponentProps, not the HTML attribute types: React 19 passes ref as a prop, and these forward it.
export function Input(props: ComponentProps<'input'>) {
  return <input {...props} className={`${styles.control} ${props.className ?? ''}`.trim()} />;
}

export function Select(props: ComponentProps<'select'>) {
  return <select {...props} className={`${styles.control} ${props.className ?? ''}`.trim()} />;
}

export function Textarea(props: ComponentProps<'textarea'>) {
  return <textarea {...props} className={`${styles.control} ${props.className ?? ''}`.trim()} />;
}

/** The message for one field from an action's error state, if any. */
export function fieldError(
  fields: { path: string; message: string }[] | undefined,
  path: string,
): string | undefined {
  return fields?.find((f) => f.path === path)?.message;
}
