import { z } from 'zod';

import { lineList } from './form-fields';
import { logoProblem } from './logo';

const listItem = z.string().max(100, 'Keep each entry under 100 characters.');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });

    return true;
  } catch {
    return false;
  }
}

export const updatePracticeProfileSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter the practice name.').max(200),
  timezone: z.string().trim().refine(isTimeZone, 'Choose a time zone like Europe/London.'),
  address: z.string().trim().max(500).default(''),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+()\-.\s]*$/, 'Use digits, spaces and + ( ) - only.')
    .default(''),
  /** A data URL from the logo picker; "keep" leaves the current one, "" removes it. */
  logo: z
    .string()
    .max(300_000, 'The logo must be 200 kB or smaller.')
    .default('keep')
    .superRefine((v, issue) => {
      if (v === 'keep' || v === '') return;
      const problem = logoProblem(v);
      if (problem) issue.addIssue({ code: 'custom', message: problem });
    }),
  services: lineList(listItem, 50),
  departments: lineList(listItem, 50),
});

export type UpdatePracticeProfileInput = z.input<typeof updatePracticeProfileSchema>;
