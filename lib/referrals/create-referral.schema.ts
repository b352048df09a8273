import { z } from 'zod';

import {
  clearableDate,
  clearableWeight,
  optionalText,
  optionalUuid,
  requiredText,
  SEXES,
  URGENCIES,
  yesNo,
} from './fields';

const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.email('Enter an email address').max(254).optional(),
);

export const newReferringVetSchema = z.strictObject({
  clinicName: requiredText(200),
  name: requiredText(200),
  email: z
    .email('Enter an email address')
    .max(254)
    .transform((v) => v.toLowerCase()),
  phone: optionalText(40),
});

export const createReferralSchema = z
  .strictObject({
    /** Staff may keep a phone referral as a draft, or file it as submitted at once. */
    status: z.enum(['draft', 'submitted']).default('submitted'),
    urgency: z.enum(URGENCIES),
    service: requiredText(100),
    patientName: requiredText(120),
    species: requiredText(60),
    breed: optionalText(120),
    sex: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SEXES).optional()),
    dateOfBirth: clearableDate(),
    weightKg: clearableWeight(),
    ownerName: requiredText(200),
    ownerPhone: optionalText(40),
    ownerEmail: optionalEmail,
    ownerConsent: yesNo().default(false),
    reason: requiredText(5000),
    history: optionalText(20000),
    medications: optionalText(5000),
    referringVetId: optionalUuid(),
    referringVet: newReferringVetSchema.optional(),
    assigneeUserId: optionalUuid(),
  })
  .refine((v) => (v.referringVetId === undefined) !== (v.referringVet === undefined), {
    message: 'Give either an existing referring vet or a new one, not both',
    path: ['referringVetId'],
  });
export type CreateReferralInput = z.input<typeof createReferralSchema>;
