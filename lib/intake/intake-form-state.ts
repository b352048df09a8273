import type { FieldIssue } from '@/lib/http/errors';
import { toAppError } from '@/lib/http/errors';

import { INTAKE_FIELD_NAMES } from './submit-intake.schema';

export type IntakeFormState =
  | { status: 'idle' }
  | { status: 'ok'; reference: string; trackingUrl: string; vetEmail: string }
  | {
      status: 'error';
      message: string;
      fields: FieldIssue[];
      /** What was typed, so the form comes back filled in (files cannot be kept). */
      values: Record<string, string>;
      /** A fresh time-to-submit stamp for the next attempt. */
      stamp: string;
      hadFiles: boolean;
    };

/** Only the form's own text fields, as strings; files and unknown inputs are dropped. */
export function intakeValuesFrom(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of INTAKE_FIELD_NAMES) {
    const value = form.get(name);
    if (typeof value === 'string') values[name] = value.slice(0, 20_000);
  }

  return values;
}

export function intakeErrorState(
  error: unknown,
  values: Record<string, string>,
  stamp: string,
  hadFiles: boolean,
): IntakeFormState {
  const appError = toAppError(error);
  const fields = appError.details.fields ?? [];
  const message =
    appError.code === 'validation_failed'
      ? `Please correct ${fields.length === 1 ? 'the field' : `the ${fields.length} fields`} marked below.`
      : appError.publicMessage;

  return { status: 'error', message, fields, values, stamp, hadFiles };
}
