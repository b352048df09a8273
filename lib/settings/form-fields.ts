import { z } from 'zod';

/**
 * Field types that accept both a form post (strings) and typed values, so one schema
 * serves the settings pages' server actions and direct calls alike.
 */

/** A checkbox: present ("on") is true, absent is false. */
export const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', 'off'])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** A whole number typed into a field. */
export function wholeNumber(min: number, max: number) {
  return z.coerce
    .number({ message: 'Enter a whole number.' })
    .int('Enter a whole number.')
    .min(min, `Use at least ${min}.`)
    .max(max, `Use at most ${max}.`);
}

/** One entry per line (or a list): blanks and duplicates dropped, order kept. */
export function lineList(item: z.ZodType<string, string>, max: number) {
  return z
    .union([z.string().max(20_000), z.array(z.string().max(1_000)).max(max)])
    .optional()
    .transform((v) => {
      const raw = v === undefined ? [] : Array.isArray(v) ? v : v.split(/\r?\n|,/);

      return [...new Set(raw.map((s) => s.trim()).filter(Boolean))];
    })
    .pipe(z.array(item).max(max, `List at most ${max} entries.`));
}
