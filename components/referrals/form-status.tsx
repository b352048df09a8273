import { Alert } from '@/components/ui/alert';
import type { ActionState } from '@/lib/http/staff-action';

import type { Done } from './action-types';

/** The outcome of the last submit, announced to screen readers. */
export function FormStatus({ state }: { state: ActionState<Done> }) {
  if (state.status === 'error') return <Alert tone="error">{state.message}</Alert>;
  if (state.status === 'ok') return <Alert tone="success">{state.data.message}</Alert>;

  return null;
}
