'use client';

import { useActionState } from 'react';

import { Button } from '@/components/ui/button';
import { describedBy, Field, fieldError, Input, Select, Textarea } from '@/components/ui/field';

import { IDLE, type FormAction } from './action-types';
import { FormStatus } from './form-status';
import styles from './referral.module.css';

export interface TransitionOption {
  action: string;
  label: string;
  required: readonly string[];
}

interface Props {
  referralId: string;
  status: string;
  transitions: TransitionOption[];
  clinicians: { id: string; name: string }[];
  defaults: { scheduledAt: string; clinicianUserId: string; location: string };
  action: FormAction;
}

const DANGER = new Set(['decline', 'cancel', 'withdraw', 'client_decline', 'no_show']);
const NOTE_LABELS: Record<string, string> = {
  request_info: 'What information is needed? (sent to the referring vet)',
  cancel: 'Why is it cancelled?',
  client_decline: 'What did the client say?',
  reopen: 'Why reopen?',
};

/** Only the steps this user's role may take from the current status are offered. */
export function StatusActions(props: Props) {
  if (props.transitions.length === 0) {
    return <p className={styles.muted}>No status changes are available to you from here.</p>;
  }

  return (
    <ul className={styles.transitionList}>
      {props.transitions.map((t) => (
        <li key={t.action}>
          <TransitionForm {...props} transition={t} />
        </li>
      ))}
    </ul>
  );
}

function TransitionForm({
  referralId,
  status,
  transition: t,
  clinicians,
  defaults,
  action,
}: Props & { transition: TransitionOption }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const fields = state.status === 'error' ? state.fields : undefined;
  const id = (name: string) => `${t.action}-${name}`;
  const variant = DANGER.has(t.action) ? 'danger' : 'primary';
  const hidden = (
    <>
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="action" value={t.action} />
      <input type="hidden" name="expectedStatus" value={status} />
    </>
  );

  if (t.required.length === 0 && t.action !== 'decline') {
    return (
      <form action={formAction} className={styles.inlineForm}>
        {hidden}
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? 'Saving…' : t.label}
        </Button>
        <FormStatus state={state} />
      </form>
    );
  }

  return (
    <details className={styles.disclosure} open={state.status === 'error'}>
      <summary>{t.label}…</summary>
      <form action={formAction} className={styles.stack}>
        {hidden}
        {t.required.includes('note') ? (
          <Field
            id={id('note')}
            label={NOTE_LABELS[t.action] ?? 'Note'}
            error={fieldError(fields, 'note')}
          >
            <Textarea
              name="note"
              required
              maxLength={2000}
              {...describedBy(id('note'), fieldError(fields, 'note'))}
            />
          </Field>
        ) : null}
        {t.action === 'decline' ? (
          <>
            <Field
              id={id('reason')}
              label="Reason (sent to the referring vet)"
              error={fieldError(fields, 'declineReason')}
            >
              <Textarea
                name="declineReason"
                required
                maxLength={2000}
                {...describedBy(id('reason'), fieldError(fields, 'declineReason'))}
              />
            </Field>
            <Field
              id={id('alt')}
              label="Suggested alternative (optional)"
              hint="Another hospital or service"
            >
              <Input
                name="declineAlternative"
                maxLength={500}
                {...describedBy(id('alt'), undefined, 'x')}
              />
            </Field>
          </>
        ) : null}
        {t.required.includes('scheduledAt') ? (
          <>
            <Field id={id('at')} label="Date and time" error={fieldError(fields, 'scheduledAt')}>
              <Input
                type="datetime-local"
                name="scheduledAt"
                required
                defaultValue={defaults.scheduledAt}
                {...describedBy(id('at'), fieldError(fields, 'scheduledAt'))}
              />
            </Field>
            <Field id={id('clin')} label="Clinician" error={fieldError(fields, 'clinicianUserId')}>
              <Select
                name="clinicianUserId"
                required
                defaultValue={defaults.clinicianUserId}
                {...describedBy(id('clin'), fieldError(fields, 'clinicianUserId'))}
              >
                <option value="">Choose a clinician</option>
                {clinicians.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={id('loc')} label="Location" error={fieldError(fields, 'location')}>
              <Input
                name="location"
                required
                maxLength={200}
                defaultValue={defaults.location}
                {...describedBy(id('loc'), fieldError(fields, 'location'))}
              />
            </Field>
          </>
        ) : null}
        <div>
          <Button type="submit" variant={variant} disabled={pending}>
            {pending ? 'Saving…' : t.label}
          </Button>
        </div>
        <FormStatus state={state} />
      </form>
    </details>
  );
}
