import { describe, expect, it } from 'vitest';

import { AppError } from '@/lib/http/errors';

import { intakeErrorState, intakeValuesFrom } from './intake-form-state';

describe('the intake form state after an error', () => {
  it('keeps every typed value and names each wrong field', () => {
    const form = new FormData();
    form.set('patientName', 'Biscuit');
    form.set('vetEmail', 'not-an-email');
    form.set('ownerConsent', 'yes');
    form.set('$ACTION_ID_x', 'ignored');
    form.set('attachments', new Blob(['x']), 'a.pdf');
    const error = new AppError('validation_failed', undefined, {
      fields: [{ path: 'vetEmail', message: 'Enter an email address' }],
    });

    const state = intakeErrorState(error, intakeValuesFrom(form), 'stamp', true);

    expect(state).toEqual({
      status: 'error',
      message: 'Please correct the field marked below.',
      fields: [{ path: 'vetEmail', message: 'Enter an email address' }],
      values: { patientName: 'Biscuit', vetEmail: 'not-an-email', ownerConsent: 'yes' },
      stamp: 'stamp',
      hadFiles: true,
    });
  });

  it('shows an abuse refusal message without echoing internals', () => {
    const state = intakeErrorState(new Error('db exploded at 10.0.0.3'), {}, 's', false);

    expect(state).toMatchObject({ status: 'error', message: 'Something went wrong on our side.' });
  });
});
