import { z } from 'zod';

import {
  DEFAULT_SLA_TARGETS,
  readSlaTargets,
  type SlaTargets,
} from '@/lib/referrals/service-levels';

import { parseCidr } from './ip-allow-list';
import { logoProblem } from './logo';

/**
 * The typed shape of practices.settings. Each section is read on its own with defaults,
 * so a missing or malformed section never breaks the others. Other modules read their
 * key directly and must keep doing so: slaTargets (lib/referrals/service-levels.ts),
 * corsOrigins (lib/http/origin.ts and auth.is_cors_origin_allowed), auditRetentionYears
 * (audit), guestStepUp (lib/links/link-policy.ts); writers here keep unknown keys.
 */
export const SESSION_IDLE_MINUTES = { min: 5, max: 240, default: 30 } as const;
// The cookie itself lives 12 hours (lib/auth/session-policy.ts): a practice may shorten
// a session's life, never lengthen it past the cookie.
export const SESSION_LIFETIME_HOURS = { min: 1, max: 12, default: 12 } as const;
// The same default as lib/audit/get-audit-retention.ts, which reads this key.
export const AUDIT_RETENTION_YEARS = { min: 1, max: 25, default: 6 } as const;

const listItem = z.string().trim().min(1).max(100);

export const profileSettingsSchema = z.strictObject({
  address: z.string().trim().max(500).default(''),
  phone: z.string().trim().max(40).default(''),
  logo: z
    .string()
    .nullable()
    .default(null)
    .refine((v) => v === null || logoProblem(v) === null, 'The logo is not a valid image.'),
  services: z.array(listItem).max(50).default([]),
  departments: z.array(listItem).max(50).default([]),
});
export type ProfileSettings = z.output<typeof profileSettingsSchema>;

export const cidrSchema = z
  .string()
  .trim()
  .refine((v) => parseCidr(v) !== null, 'Use an address or range like 203.0.113.0/24.');

/** Exact origins only (scheme, host, port): no paths, no wildcards. */
export const originSchema = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const url = new URL(v);

      return ['https:', 'http:'].includes(url.protocol) && url.origin === v;
    } catch {
      return false;
    }
  }, 'Use an origin like https://app.example.com (no path, no trailing slash).');

export const securitySettingsSchema = z.strictObject({
  requireMfa: z.boolean().default(false),
  sessionIdleMinutes: z
    .number()
    .int()
    .min(SESSION_IDLE_MINUTES.min)
    .max(SESSION_IDLE_MINUTES.max)
    .default(SESSION_IDLE_MINUTES.default),
  sessionLifetimeHours: z
    .number()
    .int()
    .min(SESSION_LIFETIME_HOURS.min)
    .max(SESSION_LIFETIME_HOURS.max)
    .default(SESSION_LIFETIME_HOURS.default),
  staffIpAllowList: z.array(cidrSchema).max(50).default([]),
});
export type SecuritySettings = z.output<typeof securitySettingsSchema>;

export const corsOriginsSchema = z.array(originSchema).max(20);
export const auditRetentionSchema = z
  .number()
  .int()
  .min(AUDIT_RETENTION_YEARS.min)
  .max(AUDIT_RETENTION_YEARS.max);

export interface PracticeSettings {
  profile: ProfileSettings;
  slaTargets: SlaTargets;
  security: SecuritySettings;
  corsOrigins: string[];
  auditRetentionYears: number;
}

export const DEFAULT_SETTINGS: PracticeSettings = {
  profile: profileSettingsSchema.parse({}),
  slaTargets: DEFAULT_SLA_TARGETS,
  security: securitySettingsSchema.parse({}),
  corsOrigins: [],
  auditRetentionYears: AUDIT_RETENTION_YEARS.default,
};

function section<S extends z.ZodType>(schema: S, value: unknown, fallback: z.output<S>) {
  const parsed = schema.safeParse(value ?? undefined);

  return parsed.success ? parsed.data : fallback;
}

/** The practice's settings with defaults; never throws on what is stored. */
export function readPracticeSettings(raw: unknown): PracticeSettings {
  const stored = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};

  return {
    profile: section(profileSettingsSchema, stored.profile, DEFAULT_SETTINGS.profile),
    slaTargets: readSlaTargets(stored),
    security: section(securitySettingsSchema, stored.security, DEFAULT_SETTINGS.security),
    corsOrigins: section(corsOriginsSchema, stored.corsOrigins, []),
    auditRetentionYears: section(
      auditRetentionSchema,
      stored.auditRetentionYears,
      AUDIT_RETENTION_YEARS.default,
    ),
  };
}
