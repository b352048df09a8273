import { describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { apiRoute } from '@/lib/http/api-route';
import { json } from '@/lib/http/respond';
import { readSlaTargets } from '@/lib/referrals/service-levels';
import { getPracticeSettings } from '@/lib/settings/get-practice-settings';
import { updatePracticeProfile } from '@/lib/settings/update-practice-profile';
import { updateSecuritySettings } from '@/lib/settings/update-security-settings';
import { updateServiceLevels } from '@/lib/settings/update-service-levels';

import { appHeaders, ORIGIN, signIn, staffMember, throughProxy } from '../auth/auth-fixtures';
import { asStaff, auditEvents, signedInStaff } from './helpers';

const PNG = `data:image/png;base64,${Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64')}`;

async function admin() {
  return (await signedInStaff((await staffMember('admin')).email)).staff;
}

const security = {
  sessionIdleMinutes: '20',
  sessionLifetimeHours: '8',
  staffIpAllowList: '',
  corsOrigins: 'https://partner.example.com',
  auditRetentionYears: '10',
};

describe('practice settings', () => {
  it('saves the profile with before and after in the audit trail, the logo only as changed', async () => {
    const staff = await admin();
    await asStaff(staff, (db) =>
      updatePracticeProfile(db, staff, {
        name: 'Riverside Referrals',
        timezone: 'Europe/London',
        address: '1 River Road',
        phone: '+44 20 7946 0000',
        logo: PNG,
        services: 'Cardiology\nOncology\nCardiology',
        departments: 'ICU',
      }),
    );

    const view = await asStaff(staff, (db) => getPracticeSettings(db, staff.practiceId));
    expect(view).toMatchObject({ name: 'Riverside Referrals', timezone: 'Europe/London' });
    expect(view.settings.profile).toEqual({
      address: '1 River Road',
      phone: '+44 20 7946 0000',
      logo: PNG,
      services: ['Cardiology', 'Oncology'],
      departments: ['ICU'],
    });
    const [event] = await auditEvents(staff.practiceId, 'settings.profile_updated');
    expect(event?.changes).toMatchObject({
      timezone: { from: 'UTC', to: 'Europe/London' },
      services: { from: [], to: ['Cardiology', 'Oncology'] },
      logo: { from: '[redacted]', to: '[redacted]' },
    });
  });

  it('refuses an invalid profile with field errors and changes nothing', async () => {
    const staff = await admin();
    const attempt = asStaff(staff, (db) =>
      updatePracticeProfile(db, staff, {
        name: '',
        timezone: 'Mars/Olympus',
        logo: 'data:image/svg+xml;base64,PHN2Zz4=',
        services: '',
        departments: '',
      }),
    );

    await expect(attempt).rejects.toMatchObject({
      code: 'validation_failed',
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ path: 'name' }),
          expect.objectContaining({ path: 'timezone' }),
          expect.objectContaining({ path: 'logo' }),
        ]),
      },
    });
    expect(await auditEvents(staff.practiceId, 'settings.profile_updated')).toHaveLength(0);
  });

  it('stores service-level targets where the inbox reads them', async () => {
    const staff = await admin();
    await asStaff(staff, (db) =>
      updateServiceLevels(db, staff, {
        acknowledgeEmergencyMinutes: '30',
        acknowledgeWorkingDays: '2',
        scheduleWorkingDays: '3',
        reportWorkingDays: '5',
      }),
    );
    const practice = await withPractice(staff.practiceId, (db) =>
      db.practice.findFirst({ select: { settings: true } }),
    );

    expect(readSlaTargets(practice?.settings)).toEqual({
      acknowledgeEmergencyMinutes: 30,
      acknowledgeWorkingDays: 2,
      scheduleWorkingDays: 3,
      reportWorkingDays: 5,
    });
    const [event] = await auditEvents(staff.practiceId, 'settings.service_levels_updated');
    expect(event?.changes).toMatchObject({ acknowledgeEmergencyMinutes: { from: 60, to: 30 } });
  });

  it('keeps keys other modules own when a section is saved', async () => {
    const staff = await admin();
    await withPractice(staff.practiceId, (db) =>
      db.practice.update({
        where: { id: staff.practiceId },
        data: { settings: { guestStepUp: true } },
      }),
    );
    await asStaff(staff, (db) => updateSecuritySettings(db, staff, security));
    const practice = await withPractice(staff.practiceId, (db) =>
      db.practice.findFirst({ select: { settings: true } }),
    );

    expect(practice?.settings).toMatchObject({
      guestStepUp: true,
      corsOrigins: ['https://partner.example.com'],
      auditRetentionYears: 10,
      security: { sessionIdleMinutes: 20, sessionLifetimeHours: 8, requireMfa: false },
    });
  });

  it('refuses an IP allow-list that would lock out the admin saving it', async () => {
    const staff = await admin();
    const attempt = asStaff(staff, (db) =>
      updateSecuritySettings(db, staff, { ...security, staffIpAllowList: '192.0.2.0/24' }),
    );

    await expect(attempt).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [expect.objectContaining({ path: 'staffIpAllowList' })] },
    });
  });

  it('lets a browser on a configured origin read API answers (CORS) once saved', async () => {
    const staff = await admin();
    const route = apiRoute({ permission: 'referral.read', rateLimit: false }, async () => json({}));
    const call = async () => {
      const headers = await appHeaders(await signIn(staff.actor.label));
      headers.set('origin', 'https://partner.example.com');

      return route(new Request(`${ORIGIN}/api/v1/referrals`, { headers }));
    };

    expect((await call()).headers.get('access-control-allow-origin')).toBeNull();
    await asStaff(staff, (db) => updateSecuritySettings(db, staff, security));
    expect((await call()).headers.get('access-control-allow-origin')).toBe(
      'https://partner.example.com',
    );
    const preflight = await throughProxy(null, {
      method: 'OPTIONS',
      path: '/api/v1/referrals',
      headers: { origin: 'https://partner.example.com' },
    });
    expect(preflight.response.status).toBe(204);
  });
});
