import { describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { DEMO_PRACTICES, DEMO_REFERRALS } from '@/lib/seed/demo-data';
import { seedDemo } from '@/lib/seed/seed-demo';

describe('the demo seed', () => {
  it('creates two practices, a user of every role in each, and a dozen referrals in varied states', async () => {
    const { accounts, intakeLinks } = await seedDemo();
    expect(accounts).toHaveLength(12);
    expect(intakeLinks.map((l) => l.url)).toEqual([
      expect.stringMatching(/^https:\/\/localhost:3443\/intake\/[A-Za-z0-9_-]{22,}$/),
      expect.stringMatching(/^https:\/\/localhost:3443\/intake\/[A-Za-z0-9_-]{22,}$/),
    ]);

    for (const practice of DEMO_PRACTICES) {
      const summary = await withPractice(practice.id, async (db) => ({
        roles: (await db.membership.findMany({ select: { role: true } })).map((m) => m.role).sort(),
        statuses: new Set(
          (await db.referral.findMany({ select: { status: true } })).map((r) => r.status),
        ),
        referrals: await db.referral.count(),
        messages: await db.message.count(),
        events: await db.auditEvent.count(),
      }));
      expect(summary.roles).toEqual([
        'admin',
        'clinician',
        'front_desk',
        'nurse',
        'owner',
        'read_only',
      ]);
      expect(summary.referrals).toBe(DEMO_REFERRALS.length);
      expect(summary.statuses.size).toBeGreaterThanOrEqual(10);
      expect(summary.messages).toBeGreaterThan(0);
      expect(summary.events).toBeGreaterThan(summary.referrals);
    }
  }, 180_000);

  it('leaves an existing demo as it is when run again', async () => {
    expect((await seedDemo()).intakeLinks).toEqual([]);
    const referrals = await withPractice(DEMO_PRACTICES[0]!.id, (db) => db.referral.count());
    expect(referrals).toBe(DEMO_REFERRALS.length);
  });
});
