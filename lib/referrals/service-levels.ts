import { z } from 'zod';

import { addWorkingDays } from './time-zone';

/**
 * Service-level targets a practice promises referring vets, stored in
 * practices.settings.slaTargets and edited in settings. Each clock runs while a
 * referral sits in one status, from the moment it entered it.
 */
export const slaTargetsSchema = z.strictObject({
  /** Submitted emergency referrals must be marked received within this many minutes. */
  acknowledgeEmergencyMinutes: z.number().int().min(5).max(1440).default(60),
  /** Other submitted referrals: working days until received. */
  acknowledgeWorkingDays: z.number().int().min(1).max(30).default(1),
  /** Accepted referrals: working days until scheduled (the owner has been contacted). */
  scheduleWorkingDays: z.number().int().min(1).max(30).default(1),
  /** Discharged patients: working days until the report is sent. */
  reportWorkingDays: z.number().int().min(1).max(60).default(4),
});
export type SlaTargets = z.output<typeof slaTargetsSchema>;

export const DEFAULT_SLA_TARGETS: SlaTargets = slaTargetsSchema.parse({});

/** The practice's targets; a missing or malformed setting falls back to the defaults. */
export function readSlaTargets(settings: unknown): SlaTargets {
  const raw =
    settings && typeof settings === 'object' && 'slaTargets' in settings
      ? (settings as { slaTargets: unknown }).slaTargets
      : {};
  const parsed = slaTargetsSchema.safeParse(raw ?? {});

  return parsed.success ? parsed.data : DEFAULT_SLA_TARGETS;
}

export interface ClockedReferral {
  status: string;
  urgency: string;
  statusChangedAt: Date;
}

export type SlaClock = 'acknowledge' | 'schedule' | 'report';

/** Which clock runs for a referral in this status and when it is due, or null if none. */
export function serviceLevelDue(
  referral: ClockedReferral,
  targets: SlaTargets,
  timeZone: string,
): { clock: SlaClock; dueAt: Date } | null {
  const since = referral.statusChangedAt;
  switch (referral.status) {
    case 'submitted':
      return {
        clock: 'acknowledge',
        dueAt:
          referral.urgency === 'emergency'
            ? new Date(since.getTime() + targets.acknowledgeEmergencyMinutes * 60_000)
            : addWorkingDays(since, targets.acknowledgeWorkingDays, timeZone),
      };
    case 'accepted':
      return {
        clock: 'schedule',
        dueAt: addWorkingDays(since, targets.scheduleWorkingDays, timeZone),
      };
    case 'discharged':
      return { clock: 'report', dueAt: addWorkingDays(since, targets.reportWorkingDays, timeZone) };
    default:
      return null;
  }
}

export function isOverdue(
  referral: ClockedReferral,
  targets: SlaTargets,
  timeZone: string,
  now: Date,
): boolean {
  const due = serviceLevelDue(referral, targets, timeZone);

  return due !== null && now.getTime() > due.dueAt.getTime();
}

/** Statuses in which some clock runs; lists use this to fetch candidates for "overdue". */
export const CLOCKED_STATUSES = ['submitted', 'accepted', 'discharged'] as const;
