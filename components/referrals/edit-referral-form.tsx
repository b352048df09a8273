'use client';

import { useActionState } from 'react';

import { Button } from '@/components/ui/button';
import { describedBy, Field, fieldError, Input, Select, Textarea } from '@/components/ui/field';

import { IDLE, type FormAction } from './action-types';
import { SEX_LABELS } from './format';
import { FormStatus } from './form-status';
import styles from './referral.module.css';

export interface EditableReferral {
  id: string;
  updatedAt: string;
  urgency: string;
  service: string;
  patientName: string;
  species: string;
  breed: string;
  sex: string;
  dateOfBirth: string;
  weightKg: string;
  ownerName: string;
  ownerPhone: string;
  ownerEmail: string;
  ownerConsent: boolean;
  reason: string;
  history: string;
  medications: string;
}

type Errors = { path: string; message: string }[] | undefined;

function TextField(p: {
  name: keyof EditableReferral;
  label: string;
  value: string;
  errors: Errors;
  type?: string;
  max?: number;
  required?: boolean;
}) {
  const id = `edit-${p.name}`;
  const error = fieldError(p.errors, p.name);

  return (
    <Field id={id} label={p.label} error={error}>
      <Input
        name={p.name}
        type={p.type ?? 'text'}
        defaultValue={p.value}
        maxLength={p.max}
        required={p.required}
        step={p.type === 'number' ? '0.01' : undefined}
        {...describedBy(id, error)}
      />
    </Field>
  );
}

function LongField(p: {
  name: keyof EditableReferral;
  label: string;
  value: string;
  errors: Errors;
  max: number;
  required?: boolean;
}) {
  const id = `edit-${p.name}`;
  const error = fieldError(p.errors, p.name);

  return (
    <Field id={id} label={p.label} error={error}>
      <Textarea
        name={p.name}
        defaultValue={p.value}
        maxLength={p.max}
        required={p.required}
        {...describedBy(id, error)}
      />
    </Field>
  );
}

/** Every field posts; the server records only those that changed, each with before and after. */
export function EditReferralForm({
  referral: r,
  action,
}: {
  referral: EditableReferral;
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fields : undefined;

  return (
    <form action={formAction} className={styles.stack}>
      <input type="hidden" name="referralId" value={r.id} />
      <input type="hidden" name="expectedUpdatedAt" value={r.updatedAt} />
      <FormStatus state={state} />
      <fieldset className={styles.fieldset}>
        <legend>Patient</legend>
        <div className={styles.grid}>
          <TextField
            name="patientName"
            label="Name"
            value={r.patientName}
            errors={errors}
            max={120}
            required
          />
          <TextField
            name="species"
            label="Species"
            value={r.species}
            errors={errors}
            max={60}
            required
          />
          <TextField name="breed" label="Breed" value={r.breed} errors={errors} max={120} />
          <Field id="edit-sex" label="Sex" error={fieldError(errors, 'sex')}>
            <Select
              name="sex"
              defaultValue={r.sex}
              {...describedBy('edit-sex', fieldError(errors, 'sex'))}
            >
              <option value="">Not recorded</option>
              {Object.entries(SEX_LABELS).map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <TextField
            name="dateOfBirth"
            label="Date of birth"
            type="date"
            value={r.dateOfBirth}
            errors={errors}
          />
          <TextField
            name="weightKg"
            label="Weight (kg)"
            type="number"
            value={r.weightKg}
            errors={errors}
          />
        </div>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Owner</legend>
        <div className={styles.grid}>
          <TextField
            name="ownerName"
            label="Name"
            value={r.ownerName}
            errors={errors}
            max={200}
            required
          />
          <TextField
            name="ownerPhone"
            label="Phone"
            type="tel"
            value={r.ownerPhone}
            errors={errors}
            max={40}
          />
          <TextField
            name="ownerEmail"
            label="Email"
            type="email"
            value={r.ownerEmail}
            errors={errors}
            max={254}
          />
          <fieldset className={styles.radios}>
            <legend>Owner consent to share records</legend>
            <label>
              <input type="radio" name="ownerConsent" value="yes" defaultChecked={r.ownerConsent} />{' '}
              Yes
            </label>
            <label>
              <input type="radio" name="ownerConsent" value="no" defaultChecked={!r.ownerConsent} />{' '}
              No
            </label>
          </fieldset>
        </div>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Referral</legend>
        <div className={styles.grid}>
          <Field id="edit-urgency" label="Urgency">
            <Select id="edit-urgency" name="urgency" defaultValue={r.urgency}>
              <option value="emergency">Emergency</option>
              <option value="urgent">Urgent</option>
              <option value="routine">Routine</option>
            </Select>
          </Field>
          <TextField
            name="service"
            label="Service"
            value={r.service}
            errors={errors}
            max={100}
            required
          />
        </div>
        <LongField
          name="reason"
          label="Reason for referral"
          value={r.reason}
          errors={errors}
          max={5000}
          required
        />
        <LongField name="history" label="History" value={r.history} errors={errors} max={20000} />
        <LongField
          name="medications"
          label="Current medications"
          value={r.medications}
          errors={errors}
          max={5000}
        />
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
