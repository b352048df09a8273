import { describe, expect, it } from 'vitest';

import { DEFAULT_SLA_TARGETS, isOverdue, readSlaTargets, serviceLevelDue } from './service-levels';
import { addWorkingDays, zonedLocalToUtc } from './time-zone';

const UTC = 'UTC';
// 2026-12-04 is a Friday.
const friday10 = new Date('2026-12-04T10:00:00Z');

describe('addWorkingDays', () => {
  it('skips the weekend when counting from a Friday', () => {
    expect(addWorkingDays(friday10, 1, UTC).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(addWorkingDays(friday10, 4, UTC).toISOString()).toBe('2026-12-10T10:00:00.000Z');
  });

  it('counts from a Saturday as if the clock started on Monday morning wall time', () => {
    const saturday = new Date('2026-12-05T09:00:00Z');
    expect(addWorkingDays(saturday, 1, UTC).toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });

  it('uses the practice time zone to decide what a weekend is', () => {
    // 23:30 UTC on Friday is already Saturday in Auckland, so +1 lands on Monday there.
    const lateFriday = new Date('2026-12-04T23:30:00Z');
    expect(addWorkingDays(lateFriday, 1, 'UTC').toISOString()).toBe('2026-12-07T23:30:00.000Z');
    expect(addWorkingDays(lateFriday, 1, 'Pacific/Auckland').toISOString()).toBe(
      '2026-12-06T23:30:00.000Z',
    );
  });
});

describe('service-level clocks', () => {
  it('makes a submitted emergency overdue after 60 minutes, not before', () => {
    const r = { status: 'submitted', urgency: 'emergency', statusChangedAt: friday10 };
    expect(isOverdue(r, DEFAULT_SLA_TARGETS, UTC, new Date('2026-12-04T10:59:00Z'))).toBe(false);
    expect(isOverdue(r, DEFAULT_SLA_TARGETS, UTC, new Date('2026-12-04T11:01:00Z'))).toBe(true);
  });

  it('gives a routine referral submitted on Friday until Monday', () => {
    const r = { status: 'submitted', urgency: 'routine', statusChangedAt: friday10 };
    expect(isOverdue(r, DEFAULT_SLA_TARGETS, UTC, new Date('2026-12-06T23:00:00Z'))).toBe(false);
    expect(isOverdue(r, DEFAULT_SLA_TARGETS, UTC, new Date('2026-12-07T10:01:00Z'))).toBe(true);
  });

  it('runs the report clock from discharge for four working days', () => {
    const r = { status: 'discharged', urgency: 'urgent', statusChangedAt: friday10 };
    const due = serviceLevelDue(r, DEFAULT_SLA_TARGETS, UTC);
    expect(due).toEqual({ clock: 'report', dueAt: new Date('2026-12-10T10:00:00Z') });
  });

  it('runs no clock while waiting for the referring vet or in care', () => {
    for (const status of ['needs_info', 'in_care', 'scheduled', 'closed']) {
      const r = { status, urgency: 'emergency', statusChangedAt: friday10 };
      expect(isOverdue(r, DEFAULT_SLA_TARGETS, UTC, new Date('2027-01-01T00:00:00Z'))).toBe(false);
    }
  });

  it('reads targets from practice settings and falls back on malformed ones', () => {
    expect(readSlaTargets({ slaTargets: { reportWorkingDays: 2 } }).reportWorkingDays).toBe(2);
    expect(readSlaTargets({ slaTargets: { reportWorkingDays: 'soon' } })).toEqual(
      DEFAULT_SLA_TARGETS,
    );
    expect(readSlaTargets(null)).toEqual(DEFAULT_SLA_TARGETS);
  });
});

describe('zonedLocalToUtc', () => {
  it('reads a datetime-local value as wall time in the practice zone', () => {
    expect(zonedLocalToUtc('2026-12-04T09:30', 'Europe/London').toISOString()).toBe(
      '2026-12-04T09:30:00.000Z',
    );
    expect(zonedLocalToUtc('2026-07-04T09:30', 'Europe/London').toISOString()).toBe(
      '2026-07-04T08:30:00.000Z',
    );
    expect(zonedLocalToUtc('2026-12-04T09:30', 'America/New_York').toISOString()).toBe(
      '2026-12-04T14:30:00.000Z',
    );
  });
});
