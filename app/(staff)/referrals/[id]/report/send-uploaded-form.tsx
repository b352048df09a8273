'use client';

import { useActionState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/http/staff-action';

import { sendUploadedReport } from './actions';

type Result = { sent: boolean; reportId: string };

export function SendUploadedForm({
  referralId,
  documents,
}: {
  referralId: string;
  documents: { id: string; filename: string }[];
}) {
  const [state, action, pending] = useActionState<ActionState<Result>, FormData>(
    sendUploadedReport,
    {
      status: 'idle',
    },
  );

  return (
    <form action={action}>
      <input type="hidden" name="referralId" value={referralId} />
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === 'ok' ? (
        <Alert tone="success">The report was sent to the referring vet.</Alert>
      ) : null}
      <p>
        <label htmlFor="uploaded-document">Document to send as the report</label>
        <br />
        <select id="uploaded-document" name="documentId" required defaultValue="">
          <option value="" disabled>
            Choose a document
          </option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.filename}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="uploaded-kind">Type</label>{' '}
        <select id="uploaded-kind" name="kind" defaultValue="consult">
          <option value="consult">Consultation report</option>
          <option value="discharge">Discharge report</option>
        </select>
      </p>
      <Button type="submit" disabled={pending || documents.length === 0}>
        Send this document
      </Button>
    </form>
  );
}
