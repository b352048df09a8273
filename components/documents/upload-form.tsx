'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';

import styles from './documents.module.css';

const MAX_BYTES = 25 * 1024 * 1024;
const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.dcm,.txt,application/pdf,image/*,text/plain,application/dicom';

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; percent: number }
  | { phase: 'done'; name: string }
  | { phase: 'error'; message: string };

/**
 * Streams the file as the request body (XMLHttpRequest, for its upload progress events);
 * the server decides the type from the content and answers 413/415 with a message.
 */
export function UploadForm({ referralId }: { referralId: string }) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [visibility, setVisibility] = useState<'internal' | 'shared'>('internal');
  const [state, setState] = useState<State>({ phase: 'idle' });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setState({ phase: 'error', message: 'Choose a file to upload.' });
    if (file.size > MAX_BYTES)
      return setState({ phase: 'error', message: 'Files can be up to 25 MB.' });

    const query = new URLSearchParams({ filename: file.name, visibility, kind: 'record' });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/referrals/${referralId}/documents?${query}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable)
        setState({ phase: 'uploading', percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        setState({ phase: 'done', name: file.name });
        if (input.current) input.current.value = '';
        router.refresh();

        return;
      }
      setState({ phase: 'error', message: errorMessage(xhr.responseText) });
    };
    xhr.onerror = () =>
      setState({
        phase: 'error',
        message: 'The upload failed. Check the connection and try again.',
      });
    setState({ phase: 'uploading', percent: 0 });
    xhr.send(file);
  }

  const busy = state.phase === 'uploading';

  return (
    <form className={styles.upload} onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Upload a document</h3>
      <div className={styles.row}>
        <Field id={`${id}-file`} label="File (PDF, image, DICOM or text, up to 25 MB)">
          <Input
            id={`${id}-file`}
            ref={input}
            type="file"
            name="file"
            accept={ACCEPT}
            required
            disabled={busy}
          />
        </Field>
        <Field id={`${id}-visibility`} label="Who can see it">
          <Select
            id={`${id}-visibility`}
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as 'internal' | 'shared')}
            disabled={busy}
          >
            <option value="internal">Hospital staff only</option>
            <option value="shared">Shared with the referring vet</option>
          </Select>
        </Field>
        <Button type="submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </Button>
      </div>
      {state.phase === 'uploading' ? (
        <progress
          className={styles.progress}
          max={100}
          value={state.percent}
          aria-label="Upload progress"
        >
          {state.percent}%
        </progress>
      ) : null}
      <p
        className={state.phase === 'error' ? styles.error : styles.status}
        role="status"
        aria-live="polite"
      >
        {state.phase === 'uploading' ? `Uploading… ${state.percent}%` : null}
        {state.phase === 'done' ? `Uploaded ${state.name}.` : null}
        {state.phase === 'error' ? state.message : null}
      </p>
    </form>
  );
}

function errorMessage(responseText: string): string {
  try {
    const body = JSON.parse(responseText) as { error?: { message?: string } };

    return body.error?.message ?? 'The upload failed.';
  } catch {
    return 'The upload failed.';
  }
}
