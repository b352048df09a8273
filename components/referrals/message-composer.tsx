'use client';

import { useActionState, useEffect, useRef } from 'react';

import { Button } from '@/components/ui/button';
import { describedBy, Field, fieldError, Textarea } from '@/components/ui/field';

import { IDLE, type FormAction } from './action-types';
import { FormStatus } from './form-status';
import styles from './referral.module.css';

export function MessageComposer({
  referralId,
  action,
  canNote,
}: {
  referralId: string;
  action: FormAction;
  canNote: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const form = useRef<HTMLFormElement>(null);
  const error = state.status === 'error' ? fieldError(state.fields, 'body') : undefined;

  useEffect(() => {
    if (state.status === 'ok') form.current?.reset();
  }, [state]);

  return (
    <form ref={form} action={formAction} className={styles.stack}>
      <input type="hidden" name="referralId" value={referralId} />
      <Field
        id="message-body"
        label="New message"
        error={error}
        hint="Plain text. Links starting with https:// become clickable."
      >
        <Textarea
          name="body"
          required
          maxLength={10000}
          rows={3}
          {...describedBy('message-body', error, 'hint')}
        />
      </Field>
      <fieldset className={styles.radios}>
        <legend>Send to</legend>
        <label>
          <input type="radio" name="visibility" value="shared" defaultChecked /> Referring vet
          (shared thread)
        </label>
        {canNote ? (
          <label>
            <input type="radio" name="visibility" value="internal" /> Internal note (staff only)
          </label>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Sending…' : 'Send'}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
