'use client';

import { useActionState, useState, useTransition, type ReactNode } from 'react';

import type { ActionState } from '@/lib/http/staff-action';

import styles from './auth.module.css';
import { Field, FormAlert } from './field';

interface Enrolment {
  secret: string;
  qrDataUrl: string;
}

interface Props {
  begin: () => Promise<Enrolment & { uri: string }>;
  complete: (prev: ActionState<string[]>, formData: FormData) => Promise<ActionState<string[]>>;
  /** Rendered instead of the set-up once MFA is on (unless codes are on screen). */
  enabledView: ReactNode;
  enabled: boolean;
  finish: () => Promise<void>;
}

/**
 * Set-up in three steps: scan the QR code, confirm a code, keep the recovery codes. The
 * codes stay on screen although the page refreshes underneath (it now shows MFA as on),
 * because this component keeps its place in the tree.
 */
export function MfaEnrolment({ begin, complete, finish, enabledView, enabled }: Props) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [starting, startTransition] = useTransition();
  const [state, formAction, pending] = useActionState(complete, { status: 'idle' });

  if (state.status === 'ok') {
    return (
      <section aria-labelledby="codes-heading">
        <h2 id="codes-heading">Two-step verification is on</h2>
        <p>
          Keep these recovery codes somewhere safe. Each works once if you lose your phone. They
          will not be shown again.
        </p>
        <ol className={styles.codes}>
          {state.data.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <form action={finish}>
          <button className={styles.button} type="submit">
            I have saved them, continue
          </button>
        </form>
      </section>
    );
  }

  if (enabled) return <>{enabledView}</>;

  if (!enrolment) {
    return (
      <button
        className={styles.button}
        type="button"
        disabled={starting}
        onClick={() => startTransition(async () => setEnrolment(await begin()))}
      >
        Set up an authenticator app
      </button>
    );
  }

  const error = state.status === 'error' ? state : null;

  return (
    <form action={formAction} noValidate>
      <p>Scan this code with an authenticator app, then enter the 6-digit code it shows.</p>
      {/* A data: URL made on the server; next/image adds nothing here. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={enrolment.qrDataUrl}
        width={220}
        height={220}
        alt="QR code for your authenticator app"
      />
      <p className={styles.muted}>
        Cannot scan? Enter this key by hand: <code>{enrolment.secret}</code>
      </p>
      <FormAlert message={error && !error.fields ? error.message : null} />
      <Field
        name="code"
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        issues={error?.fields}
      />
      <button className={styles.button} type="submit" disabled={pending}>
        Turn on
      </button>
    </form>
  );
}
