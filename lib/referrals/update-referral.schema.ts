import { z } from 'zod';

import {
  clearableDate,
  clearableText,
  clearableWeight,
  requiredText,
  SEXES,
  URGENCIES,
  yesNo,
} from './fields';

const clearableEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.email('Enter an email address').max(254).nullable().optional(),
);

/** Every field is optional: an absent key is left alone, '' clears an optional one. */
export const updateReferralSchema = z.strictObject({
  referralId: z.uuid(),
  /** updatedAt as the editor saw it (ISO); a newer one means someone saved in between. */
  expectedUpdatedAt: z.iso.datetime().optional(),
  urgency: z.enum(URGENCIES).optional(),
  service: requiredText(100).optional(),
  patientName: requiredText(120).optional(),
  species: requiredText(60).optional(),
  breed: clearableText(120),
  sex: z.preprocess((v) => (v === '' ? null : v), z.enum(SEXES).nullable().optional()),
  dateOfBirth: clearableDate(),
  weightKg: clearableWeight(),
  ownerName: requiredText(200).optional(),
  ownerPhone: clearableText(40),
  ownerEmail: clearableEmail,
  ownerConsent: yesNo().optional(),
  reason: requiredText(5000).optional(),
  history: clearableText(20000),
  medications: clearableText(5000),
});
export type UpdateReferralInput = z.input<typeof updateReferralSchema>;

export const EDITABLE_FIELDS = [
  'urgency',
  'service',
  'patientName',
  'species',
  'breed',
  'sex',
  'dateOfBirth',
  'weightKg',
  'ownerName',
  'ownerPhone',
  'ownerEmail',
  'ownerConsent',
  'reason',
  'history',
  'medications',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
