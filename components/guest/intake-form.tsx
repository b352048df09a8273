'use client';

import { useActionState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, fieldError, Input, Select, Textarea } from '@/components/ui/field';
import type { IntakeFormState } from '@/lib/intake/intake-form-state';

import styles from './guest.module.css';

type Action = (prev: IntakeFormState, form: FormData) => Promise<IntakeFormState>;

const SEXES = [
  ['', 'Not known'],
  ['male', 'Male (entire)'],
  ['female', 'Female (entire)'],
  ['male_neutered', 'Male (neutered)'],
  ['female_spayed', 'Female (spayed)'],
  ['unknown', 'Unknown'],
] as const;

export function IntakeForm({
  action,
  stamp,
  services,
  fixedService,
}: {
  action: Action;
  stamp: string;
  services: string[];
  fixedService: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  if (state.status === 'ok') return <IntakeDone state={state} />;

  const failed = state.status === 'error' ? state : null;
  const value = (name: string) => failed?.values[name] ?? '';
  const error = (name: string) => fieldError(failed?.fields, name);
  const text = (
    name: string,
    label: string,
    opts: { required?: boolean; type?: string; autoComplete?: string } = {},
  ) => (
    <Field id={name} label={opts.required ? `${label} *` : label} error={error(name)}>
      <Input
        name={name}
        type={opts.type ?? 'text'}
        required={opts.required}
        autoComplete={opts.autoComplete ?? 'off'}
        defaultValue={value(name)}
        {...describedBy(name, error(name))}
      />
    </Field>
  );

  return (
    <form action={formAction} encType="multipart/form-data" noValidate>
      {failed ? (
        <Alert tone="error">
          {failed.message}
          {failed.hadFiles ? ' Please attach your files again.' : ''}
        </Alert>
      ) : null}
      <input type="hidden" name="form_stamp" value={failed?.stamp || stamp} />
      <div className={styles.honeypot} aria-hidden="true">
        <label htmlFor="fax_number">Leave this empty</label>
        <input id="fax_number" name="fax_number" type="text" tabIndex={-1} autoComplete="off" />
      </div>

      <fieldset className={styles.fieldset}>
        <legend>Your clinic</legend>
        <div className={styles.grid}>
          {text('clinicName', 'Clinic name', { required: true, autoComplete: 'organization' })}
          {text('vetName', 'Your name', { required: true, autoComplete: 'name' })}
          {text('vetEmail', 'Your email', { required: true, type: 'email', autoComplete: 'email' })}
          {text('vetPhone', 'Your phone', { type: 'tel', autoComplete: 'tel' })}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Patient</legend>
        <div className={styles.grid}>
          {text('patientName', 'Name', { required: true })}
          {text('species', 'Species', { required: true })}
          {text('breed', 'Breed')}
          <Field id="sex" label="Sex" error={error('sex')}>
            <Select name="sex" defaultValue={value('sex')} {...describedBy('sex', error('sex'))}>
              {SEXES.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          {text('dateOfBirth', 'Date of birth', { type: 'date' })}
          {text('ageYears', 'Or age in years')}
          {text('weightKg', 'Weight (kg)')}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Owner</legend>
        <div className={styles.grid}>
          {text('ownerName', 'Owner name', { required: true })}
          {text('ownerPhone', 'Owner phone', { type: 'tel' })}
          {text('ownerEmail', 'Owner email', { type: 'email' })}
        </div>
        <div className={styles.check}>
          <input
            type="checkbox"
            name="ownerConsent"
            value="yes"
            required
            defaultChecked={value('ownerConsent') === 'yes'}
            {...describedBy('ownerConsent', error('ownerConsent'))}
          />
          <label htmlFor="ownerConsent">
            The owner agrees to share the patient&apos;s records with the hospital *
          </label>
        </div>
        {error('ownerConsent') ? (
          <p id="ownerConsent-error" role="alert" className={styles.muted}>
            {error('ownerConsent')}
          </p>
        ) : null}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Referral</legend>
        <div className={styles.grid}>
          <Field id="urgency" label="Urgency *" error={error('urgency')}>
            <Select
              name="urgency"
              required
              defaultValue={value('urgency') || 'routine'}
              {...describedBy('urgency', error('urgency'))}
            >
              <option value="routine">Routine</option>
              <option value="urgent">Urgent (within days)</option>
              <option value="emergency">Emergency (today)</option>
            </Select>
          </Field>
          {fixedService ? (
            <Field id="service" label="Service">
              <Input id="service" value={fixedService} readOnly />
            </Field>
          ) : services.length > 0 ? (
            <Field id="service" label="Service *" error={error('service')}>
              <Select
                name="service"
                required
                defaultValue={value('service')}
                {...describedBy('service', error('service'))}
              >
                <option value="">Choose a service</option>
                {services.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            text('service', 'Service (e.g. Cardiology)', { required: true })
          )}
        </div>
        {(
          [
            ['reason', 'Reason for referral *', 4],
            ['history', 'Relevant history', 5],
            ['medications', 'Current medications', 3],
          ] as const
        ).map(([name, label, rows]) => (
          <Field key={name} id={name} label={label} error={error(name)}>
            <Textarea
              name={name}
              rows={rows}
              defaultValue={value(name)}
              {...describedBy(name, error(name))}
            />
          </Field>
        ))}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Records</legend>
        <Field
          id="attachments"
          label="Attach records"
          error={error('attachments')}
          hint="Up to 5 files (PDF, images, DICOM or text), 25 MB each, 60 MB together."
        >
          <Input
            name="attachments"
            type="file"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.dcm,.txt"
            {...describedBy('attachments', error('attachments'), 'hint')}
          />
        </Field>
      </fieldset>

      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send referral'}
      </Button>
    </form>
  );
}

function IntakeDone({ state }: { state: Extract<IntakeFormState, { status: 'ok' }> }) {
  return (
    <Alert tone="success">
      <h2>Referral {state.reference} sent</h2>
      <p>
        Keep this private link to follow the referral, read messages and the report. We have also
        emailed it to {state.vetEmail}.
      </p>
      <a className={styles.link} href={state.trackingUrl} rel="noreferrer">
        {state.trackingUrl}
      </a>
    </Alert>
  );
}
