import { z } from 'zod';

import { wholeNumber } from './form-fields';

/** The same bounds as lib/referrals/service-levels.ts, typed in from a form. */
export const updateServiceLevelsSchema = z.strictObject({
  acknowledgeEmergencyMinutes: wholeNumber(5, 1440),
  acknowledgeWorkingDays: wholeNumber(1, 30),
  scheduleWorkingDays: wholeNumber(1, 30),
  reportWorkingDays: wholeNumber(1, 60),
});

export type UpdateServiceLevelsInput = z.input<typeof updateServiceLevelsSchema>;
