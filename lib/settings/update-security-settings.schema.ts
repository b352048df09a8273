import { z } from 'zod';

import { checkbox, lineList, wholeNumber } from './form-fields';
import {
  AUDIT_RETENTION_YEARS,
  cidrSchema,
  originSchema,
  SESSION_IDLE_MINUTES,
  SESSION_LIFETIME_HOURS,
} from './practice-settings';

export const updateSecuritySettingsSchema = z
  .strictObject({
    requireMfa: checkbox,
    sessionIdleMinutes: wholeNumber(SESSION_IDLE_MINUTES.min, SESSION_IDLE_MINUTES.max),
    sessionLifetimeHours: wholeNumber(SESSION_LIFETIME_HOURS.min, SESSION_LIFETIME_HOURS.max),
    staffIpAllowList: lineList(cidrSchema, 50),
    corsOrigins: lineList(originSchema, 20),
    auditRetentionYears: wholeNumber(AUDIT_RETENTION_YEARS.min, AUDIT_RETENTION_YEARS.max),
  })
  .refine((v) => v.sessionIdleMinutes <= v.sessionLifetimeHours * 60, {
    path: ['sessionIdleMinutes'],
    message: 'The idle timeout cannot be longer than the session lifetime.',
  });

export type UpdateSecuritySettingsInput = z.input<typeof updateSecuritySettingsSchema>;
