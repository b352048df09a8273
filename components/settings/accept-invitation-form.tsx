'use client';

import Link from 'next/link';
import { useActionState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, fieldError, Input } from '@/components/ui/field';
import type { ActionState } from '@/lib/http/staff-action';

import styles from './settings.module.css';

type Joined = { message: string };
type AcceptAction = (prev: ActionState<Joined>, fd: FormData) => Promise<ActionState<Joined>>;

/** Newcomers choose a name and password; an existing account only confirms. */
export function AcceptInvitationForm({
  action,
  token,
  email,
  accountExists,
}: {
  action: AcceptAction;
  token: string;
  email: string;
  accountExists: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const fields = state.status === 'error' ? state.fields : undefined;
  const err = (path: string) => fieldError(fields, path);

  if (state.status === 'ok') {
    return (
      <Alert tone="success">
        {state.data.message} <Link href="/sign-in">Sign in</Link>
      </Alert>
    );
  }

  return (
    <form action={formAction} className={styles.form}>
      <input type="hidden" name="token" value={token} />
      {accountExists ? (
        <p>You already have a VetLoop account as {email}. Accept to add this practice to it.</p>
      ) : (
        <>
          <Field id="name" label="Your name" error={err('name')}>
            <Input name="name" autoComplete="name" required {...describedBy('name', err('name'))} />
          </Field>
          {/* For password managers only: no name, so it is never posted. */}
          <input type="hidden" value={email} autoComplete="username" readOnly />
          <Field
            id="password"
            label="Choose a password"
            hint="At least 12 characters; a passphrase works well."
            error={err('password')}
          >
            <Input
              name="password"
              type="password"
              autoComplete="new-password"
              required
              {...describedBy('password', err('password'), 'hint')}
            />
          </Field>
          <Field id="confirm" label="Type it again" error={err('confirm')}>
            <Input
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              {...describedBy('confirm', err('confirm'))}
            />
          </Field>
        </>
      )}
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <div className={styles.formActions}>
        <Button type="submit" disabled={pending}>
          {pending ? 'Joining…' : accountExists ? 'Accept invitation' : 'Create account and join'}
        </Button>
      </div>
    </form>
  );
}
