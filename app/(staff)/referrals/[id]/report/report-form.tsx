'use client';

import { startTransition, useActionState, type FormEvent } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/http/staff-action';

import { saveOrSendReport } from './actions';

interface Draft {
  kind: string;
  findings: string;
  diagnosis: string;
  treatment: string;
  recommendations: string;
}

const SECTIONS = [
  ['findings', 'Findings', 'Examination and test results.'],
  ['diagnosis', 'Diagnosis', ''],
  ['treatment', 'Treatment', 'What was done, medications given or prescribed.'],
  [
    'recommendations',
    'Recommendations for the referring vet',
    'Follow-up, rechecks, what to watch for.',
  ],
] as const;

type Result = { sent: boolean; reportId: string };

export function ReportForm({
  referralId,
  draft,
  canSend,
}: {
  referralId: string;
  draft: Draft | null;
  canSend: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState<Result>, FormData>(saveOrSendReport, {
    status: 'idle',
  });
  const fieldError = (name: string) =>
    state.status === 'error' ? state.fields?.find((f) => f.path === name)?.message : undefined;

  // Dispatched by hand rather than through `action={...}`: React resets a form after an
  // action prop runs, which would blank the report being written (on errors too).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => action(data));
  }

  return (
    <form onSubmit={submit} noValidate>
      <input type="hidden" name="referralId" value={referralId} />
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === 'ok' ? (
        <Alert tone="success">
          {state.data.sent ? 'The report was sent to the referring vet.' : 'Draft saved.'}
        </Alert>
      ) : null}
      <p>
        <label htmlFor="report-kind">Report type</label>
        <br />
        <select id="report-kind" name="kind" defaultValue={draft?.kind ?? 'consult'}>
          <option value="consult">Consultation report</option>
          <option value="discharge">Discharge report</option>
        </select>
      </p>
      {SECTIONS.map(([name, label, hint]) => {
        const error = fieldError(name);
        const described = [hint ? `report-${name}-hint` : '', error ? `report-${name}-error` : '']
          .filter(Boolean)
          .join(' ');

        return (
          <p key={name}>
            <label htmlFor={`report-${name}`}>{label}</label>
            {hint ? (
              <>
                <br />
                <small id={`report-${name}-hint`}>{hint}</small>
              </>
            ) : null}
            <br />
            <textarea
              id={`report-${name}`}
              name={name}
              rows={name === 'diagnosis' ? 3 : 6}
              cols={80}
              style={{ width: '100%' }}
              defaultValue={draft?.[name] ?? ''}
              aria-invalid={error ? true : undefined}
              aria-describedby={described || undefined}
            />
            {error ? (
              <span id={`report-${name}-error`} role="alert">
                {error}
              </span>
            ) : null}
          </p>
        );
      })}
      <p style={{ display: 'flex', gap: '0.75rem', flexWrap: 'wrap' }}>
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>
          Save draft
        </Button>
        {canSend ? (
          <Button type="submit" name="intent" value="send" disabled={pending}>
            Send to referring vet
          </Button>
        ) : null}
      </p>
    </form>
  );
}
