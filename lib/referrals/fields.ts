import { z } from 'zod';

/** Form posts send '' for an untouched optional field; treat it as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** In an edit, '' clears the field. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const requiredText = (max: number) => z.string().trim().min(1, 'Required').max(max);

export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const clearableText = (max: number) =>
  z.preprocess(blankToNull, z.string().trim().max(max).nullable().optional());

export const optionalUuid = () => z.preprocess(blankToUndefined, z.uuid().optional());

export const clearableUuid = () => z.preprocess(blankToNull, z.uuid().nullable().optional());

/** A calendar date as YYYY-MM-DD (HTML date inputs send exactly this). */
export const clearableDate = () =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD')
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'Not a real date')
      .nullable()
      .optional(),
  );

export const clearableWeight = () =>
  z.preprocess(
    blankToNull,
    z.coerce.number().positive('Must be above zero').max(9999.99).nullable().optional(),
  );

/** 'yes'/'no' from a radio group, 'true'/'false' from JSON-ish forms, or a boolean. */
export const yesNo = () =>
  z.preprocess(
    (v) => (v === 'yes' || v === 'true' ? true : v === 'no' || v === 'false' ? false : v),
    z.boolean(),
  );

export const URGENCIES = ['emergency', 'urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SEXES = ['male', 'female', 'male_neutered', 'female_spayed', 'unknown'] as const;
