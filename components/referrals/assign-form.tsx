'use client';

import { useActionState } from 'react';

import { Button } from '@/components/ui/button';
import { Field, Select } from '@/components/ui/field';

import { IDLE, type FormAction } from './action-types';
import { FormStatus } from './form-status';
import styles from './referral.module.css';

export function AssignForm({
  referralId,
  assigneeUserId,
  clinicians,
  action,
}: {
  referralId: string;
  assigneeUserId: string | null;
  clinicians: { id: string; name: string }[];
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);

  return (
    <form action={formAction} className={styles.inlineForm}>
      <input type="hidden" name="referralId" value={referralId} />
      <Field id="assignee" label="Assigned clinician">
        <Select id="assignee" name="assigneeUserId" defaultValue={assigneeUserId ?? ''}>
          <option value="">Unassigned</option>
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Assign'}
      </Button>
      <FormStatus state={state} />
    </form>
  );
}
