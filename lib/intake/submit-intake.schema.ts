import { z } from 'zod';

import {
  clearableDate,
  clearableWeight,
  optionalText,
  requiredText,
  SEXES,
  URGENCIES,
} from '@/lib/referrals/fields';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const email = z
  .string()
  .trim()
  .pipe(z.email('Enter an email address, like name@clinic.com').max(254))
  .transform((v) => v.toLowerCase());

/** Field names are the form's input names, so messages land beside the right input. */
export const intakeFieldsSchema = z.strictObject({
  clinicName: requiredText(200),
  vetName: requiredText(200),
  vetEmail: email,
  vetPhone: optionalText(40),
  patientName: requiredText(120),
  species: requiredText(60),
  breed: optionalText(120),
  sex: z.preprocess(blank, z.enum(SEXES, 'Choose one of the options').optional()),
  dateOfBirth: clearableDate(),
  ageYears: z.preprocess(
    blank,
    z.coerce
      .number('Enter a number of years')
      .min(0, 'Cannot be negative')
      .max(40, 'That is too old')
      .optional(),
  ),
  weightKg: clearableWeight(),
  ownerName: requiredText(200),
  ownerPhone: optionalText(40),
  ownerEmail: z.preprocess(blank, email.optional()),
  ownerConsent: z.literal('yes', 'The owner must agree to share records with the hospital'),
  reason: requiredText(5000),
  urgency: z.enum(URGENCIES, 'Choose how urgent this is'),
  service: requiredText(100),
  history: optionalText(20000),
  medications: optionalText(5000),
});
export type IntakeFields = z.output<typeof intakeFieldsSchema>;

/** Every text input the form has, to keep what was typed when it is shown again. */
export const INTAKE_FIELD_NAMES = Object.keys(intakeFieldsSchema.shape) as (keyof IntakeFields)[];

/** The hidden inputs that are not referral fields. */
export const STAMP_FIELD = 'form_stamp';
/** Hidden from people (and screen readers); bots that fill every input fill it. */
export const HONEYPOT_FIELD = 'fax_number';
