import { z } from 'zod';

import { clearableText, optionalText, optionalUuid } from './fields';
import { REFERRAL_STATUSES, TRANSITIONS } from './state-machine';

const ACTIONS = TRANSITIONS.map((t) => t.action) as [string, ...string[]];

/** An ISO instant with offset, or a datetime-local value read in the practice's zone. */
const appointmentTime = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .union(
      [z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/), z.iso.datetime({ offset: true })],
      'Use a date and time',
    )
    .optional(),
);

export const changeStatusSchema = z.strictObject({
  referralId: z.uuid(),
  action: z.enum(ACTIONS, 'Unknown status action'),
  /** The status the user saw; a mismatch means someone else moved it first. */
  expectedStatus: z.enum(REFERRAL_STATUSES).optional(),
  note: optionalText(2000),
  declineReason: optionalText(2000),
  declineAlternative: clearableText(500),
  scheduledAt: appointmentTime,
  clinicianUserId: optionalUuid(),
  location: optionalText(200),
});
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;
