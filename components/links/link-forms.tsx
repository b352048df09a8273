'use client';

import { useActionState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, fieldError, Input } from '@/components/ui/field';
import type { ActionState } from '@/lib/http/staff-action';

type Action<R> = (prev: ActionState<R>, form: FormData) => Promise<ActionState<R>>;

export function IssueLinkForm({
  action,
  referralId,
}: {
  action: Action<{ email: string; trackingUrl: string }>;
  referralId: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const fields = state.status === 'error' ? state.fields : undefined;

  return (
    <form action={formAction}>
      {state.status === 'ok' ? (
        <Alert tone="success">
          Link emailed to {state.data.email}. It is shown only now:{' '}
          <code style={{ wordBreak: 'break-all' }}>{state.data.trackingUrl}</code>
        </Alert>
      ) : null}
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="referralId" value={referralId} />
      <p>Send a new link to the referring vet, or to another vet at the same clinic:</p>
      <Field id="link-name" label="Name (another vet)" error={fieldError(fields, 'name')}>
        <Input
          name="name"
          autoComplete="off"
          {...describedBy('link-name', fieldError(fields, 'name'))}
        />
      </Field>
      <Field id="link-email" label="Email (another vet)" error={fieldError(fields, 'email')}>
        <Input
          name="email"
          type="email"
          autoComplete="off"
          {...describedBy('link-email', fieldError(fields, 'email'))}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send link'}
      </Button>
    </form>
  );
}

export function RevokeLinkButton({
  action,
  referralId,
  linkId,
  holder,
}: {
  action: Action<{ linkId: string }>;
  referralId: string;
  linkId: string;
  holder: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });

  return (
    <form action={formAction}>
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="linkId" value={linkId} />
      <Button
        type="submit"
        variant="danger"
        size="small"
        disabled={pending}
        aria-label={`Revoke the link of ${holder}`}
      >
        Revoke
      </Button>
      {state.status === 'error' ? <span role="alert"> {state.message}</span> : null}
    </form>
  );
}

export function RotateIntakeLinkForm({
  action,
  service,
}: {
  action: Action<{ linkId: string; intakeUrl: string; service: string | null }>;
  service: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });

  return (
    <form action={formAction}>
      <input type="hidden" name="service" value={service ?? ''} />
      {state.status === 'ok' ? (
        <Alert tone="success">
          New intake link (the old one no longer works; copy it now, it is not shown again):{' '}
          <code style={{ wordBreak: 'break-all' }}>{state.data.intakeUrl}</code>
        </Alert>
      ) : null}
      {state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {service ? `New link for ${service}` : 'New general intake link'}
      </Button>
    </form>
  );
}
