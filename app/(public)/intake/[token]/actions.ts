'use server';

import { headers } from 'next/headers';

import { requestMetaFrom } from '@/lib/auth/request-meta';
import { toAppError } from '@/lib/http/errors';
import { attachmentsFrom } from '@/lib/intake/attachments';
import { issueFormStamp } from '@/lib/intake/form-stamp';
import {
  intakeErrorState,
  intakeValuesFrom,
  type IntakeFormState,
} from '@/lib/intake/intake-form-state';
import { HONEYPOT_FIELD, STAMP_FIELD } from '@/lib/intake/submit-intake.schema';
import { submitIntake } from '@/lib/intake/submit-intake';
import { resolveIntakeLinkOrThrow } from '@/lib/links/resolve-intake-link';
import { logger } from '@/lib/log/logger';

/** The public intake form's action; works as a plain form post without JavaScript. */
export async function submitIntakeAction(
  token: string,
  _prev: IntakeFormState,
  form: FormData,
): Promise<IntakeFormState> {
  const meta = requestMetaFrom(await headers());
  const values = intakeValuesFrom(form);
  const files = attachmentsFrom(form.getAll('attachments'));
  try {
    const result = await submitIntake({
      token,
      fields: values,
      stamp: stringOf(form.get(STAMP_FIELD)),
      honeypot: stringOf(form.get(HONEYPOT_FIELD)),
      files,
      meta,
    });

    return { status: 'ok', ...result };
  } catch (error) {
    if (toAppError(error).code === 'internal') {
      logger.error({ err: error, requestId: meta.requestId }, 'intake submission failed');
    }
    const stamp = await resolveIntakeLinkOrThrow(token).then(
      (target) => issueFormStamp(target.linkId),
      () => '',
    );

    return intakeErrorState(error, values, stamp, files.length > 0);
  }
}

function stringOf(value: FormDataEntryValue | null): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
