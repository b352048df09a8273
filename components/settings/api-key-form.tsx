'use client';

import { useActionState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import type { ActionState } from '@/lib/http/staff-action';

import { ROLE_LABELS } from './roles';
import styles from './settings.module.css';

type Created = { message: string; secret: string };
type CreateAction = (prev: ActionState<Created>, fd: FormData) => Promise<ActionState<Created>>;

/** Creates a key; its secret is shown here once and never again (only a hash is kept). */
export function ApiKeyForm({
  action,
  roles,
  scopes,
}: {
  action: CreateAction;
  roles: (keyof typeof ROLE_LABELS)[];
  scopes: string[];
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });

  return (
    <form action={formAction} className={styles.form}>
      <div className={styles.grid}>
        <Field id="key-name" label="Name">
          <Input id="key-name" name="name" required maxLength={100} placeholder="PMS sync" />
        </Field>
        <Field id="key-role" label="Role">
          <Select id="key-role" name="role" defaultValue="read_only">
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="key-expiry" label="Expires after (days)">
          <Input
            id="key-expiry"
            name="expiresInDays"
            type="number"
            min={1}
            max={365}
            defaultValue={90}
          />
        </Field>
      </div>
      <fieldset>
        <legend>Scopes (none ticked: everything the role may do)</legend>
        <div className={styles.grid}>
          {scopes.map((s) => (
            <label key={s} className={styles.check}>
              <input type="checkbox" name="scopes" value={s} /> {s}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles.formActions}>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create key'}
        </Button>
      </div>
      {state.status === 'error' ? (
        <Alert tone="error">
          {state.message}
          {state.fields?.map((f) => (
            <div key={f.path}>
              {f.path}: {f.message}
            </div>
          ))}
        </Alert>
      ) : null}
      {state.status === 'ok' ? (
        <Alert tone="success">
          {state.data.message} Copy the secret now: it will not be shown again.
          <div className={styles.secret} aria-label="API key secret">
            {state.data.secret}
          </div>
        </Alert>
      ) : null}
    </form>
  );
}
