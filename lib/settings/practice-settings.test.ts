import { describe, expect, it } from 'vitest';

import { DEFAULT_SLA_TARGETS } from '@/lib/referrals/service-levels';

import { logoProblem } from './logo';
import { DEFAULT_SETTINGS, readPracticeSettings } from './practice-settings';
import { updateSecuritySettingsSchema } from './update-security-settings.schema';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('readPracticeSettings', () => {
  it('fills every section with defaults when nothing is stored', () => {
    expect(readPracticeSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(readPracticeSettings(null).slaTargets).toEqual(DEFAULT_SLA_TARGETS);
  });

  it('falls back per section, so one malformed section leaves the others', () => {
    const settings = readPracticeSettings({
      security: { requireMfa: 'yes' },
      corsOrigins: ['https://app.example.com'],
      auditRetentionYears: 10,
    });

    expect(settings.security).toEqual(DEFAULT_SETTINGS.security);
    expect(settings.corsOrigins).toEqual(['https://app.example.com']);
    expect(settings.auditRetentionYears).toBe(10);
  });
});

describe('logoProblem', () => {
  it('accepts a small PNG whose bytes are a PNG', () => {
    expect(logoProblem(`data:image/png;base64,${PNG.toString('base64')}`)).toBeNull();
  });

  it('refuses SVG, a mislabelled file and anything over 200 kB', () => {
    expect(logoProblem('data:image/svg+xml;base64,PHN2Zz4=')).toMatch(/PNG, JPEG or WebP/);
    expect(logoProblem(`data:image/jpeg;base64,${PNG.toString('base64')}`)).toMatch(/claims/);
    const big = Buffer.concat([PNG, Buffer.alloc(201 * 1024)]);
    expect(logoProblem(`data:image/png;base64,${big.toString('base64')}`)).toMatch(/200 kB/);
  });
});

describe('security settings form', () => {
  const valid = {
    sessionIdleMinutes: '30',
    sessionLifetimeHours: '8',
    staffIpAllowList: '203.0.113.0/24\n\n198.51.100.7',
    corsOrigins: 'https://app.example.com',
    auditRetentionYears: '7',
  };

  it('reads a form post: an absent checkbox is false, lines become lists', () => {
    expect(updateSecuritySettingsSchema.parse(valid)).toEqual({
      requireMfa: false,
      sessionIdleMinutes: 30,
      sessionLifetimeHours: 8,
      staffIpAllowList: ['203.0.113.0/24', '198.51.100.7'],
      corsOrigins: ['https://app.example.com'],
      auditRetentionYears: 7,
    });
  });

  it.each([
    [{ corsOrigins: 'https://app.example.com/path' }, 'corsOrigins'],
    [{ corsOrigins: '*' }, 'corsOrigins'],
    [{ staffIpAllowList: '10.0.0.0/40' }, 'staffIpAllowList'],
    [{ sessionIdleMinutes: '600' }, 'sessionIdleMinutes'],
    [{ sessionLifetimeHours: '1', sessionIdleMinutes: '90' }, 'sessionIdleMinutes'],
    [{ sessionLifetimeHours: '48' }, 'sessionLifetimeHours'],
  ])('refuses %j', (change, path) => {
    const result = updateSecuritySettingsSchema.safeParse({ ...valid, ...change });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(path);
  });

  it('refuses unknown fields', () => {
    expect(updateSecuritySettingsSchema.safeParse({ ...valid, role: 'owner' }).success).toBe(false);
  });
});
