import { describe, expect, it } from 'vitest';

import { withPractice } from '@/lib/db/with-practice';
import { exportReferrals } from '@/lib/exports/export-referrals';
import { BATCH_SIZE } from '@/lib/exports/referral-batches';

import { createReferral } from '../helpers/factories';
import { staffMember } from '../auth/auth-fixtures';
import { auditEvents, signedInStaff } from './helpers';

async function adminWithReferrals(count: number, patientName = 'Biscuit') {
  const admin = (await signedInStaff((await staffMember('admin')).email)).staff;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push((await createReferral(admin.practiceId, { patientName })).id);
  }

  return { admin, ids };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('data export', () => {
  it('streams every referral with its status history as JSON, page after page, and audits it', async () => {
    const { admin, ids } = await adminWithReferrals(BATCH_SIZE + 3);
    await withPractice(admin.practiceId, (db) =>
      db.referralStatusHistory.create({
        data: {
          practiceId: admin.practiceId,
          referralId: ids[0]!,
          fromStatus: 'submitted',
          toStatus: 'received',
          actorType: 'system',
        },
      }),
    );

    const result = await exportReferrals(admin, { format: 'json' });
    const body = JSON.parse(await readAll(result.body));

    expect(result.contentType).toMatch(/^application\/json/);
    expect(body.referrals).toHaveLength(BATCH_SIZE + 3);
    expect(new Set(body.referrals.map((r: { reference: string }) => r.reference)).size).toBe(
      BATCH_SIZE + 3,
    );
    expect(body.referrals[0].statusHistory).toEqual([
      expect.objectContaining({ from: 'submitted', to: 'received', actorType: 'system' }),
    ]);
    const [event] = await auditEvents(admin.practiceId, 'data.exported');
    expect(event).toMatchObject({
      actor_id: admin.userId,
      metadata: { dataset: 'referrals', format: 'json', referrals: BATCH_SIZE + 3 },
    });
  });

  it('writes CSV a spreadsheet will not run as formulas', async () => {
    const { admin } = await adminWithReferrals(1, '=HYPERLINK("http://evil.example")');

    const result = await exportReferrals(admin, { format: 'csv' });
    const text = await readAll(result.body);
    const [header, row] = text.split('\r\n');

    expect(result.filename).toMatch(/^referrals-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(header).toMatch(/^"reference","status",/);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(row).not.toMatch(/(^|,)"=/);
  });

  it("never includes another practice's referrals", async () => {
    const { admin } = await adminWithReferrals(2);
    await adminWithReferrals(2, 'Other practice pet');

    const body = JSON.parse(await readAll((await exportReferrals(admin, { format: 'json' })).body));

    expect(body.referrals).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain('Other practice pet');
  });

  it('refuses an unknown format', async () => {
    const { admin } = await adminWithReferrals(0);

    await expect(exportReferrals(admin, { format: 'xlsx' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
