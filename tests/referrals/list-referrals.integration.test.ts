import { beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { assignReferral } from '@/lib/referrals/assign-referral';
import { listReferrals } from '@/lib/referrals/list-referrals';
import type { ListReferralsInput } from '@/lib/referrals/list-referrals.schema';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { forceStatus, newReferral, practiceWithStaff } from './helpers';

let ctx: WorkflowContext;
let members: Record<Role, WorkflowContext>;
let practiceId: string;
const ids: Record<string, string> = {};

const list = (input: ListReferralsInput, now?: Date) =>
  withPractice(ctx.practiceId, (db) => listReferrals(db, ctx, input, now));

async function setCreatedAt(id: string, iso: string) {
  await withPractice(practiceId, (db) =>
    db.referral.update({
      where: { practiceId_id: { practiceId, id } },
      data: { createdAt: new Date(iso), statusChangedAt: new Date(iso) },
    }),
  );
}

beforeAll(async () => {
  const setup = await practiceWithStaff();
  members = setup.members;
  ctx = members.front_desk;
  practiceId = setup.practice.id;
  const rows: [string, Parameters<typeof newReferral>[1], string][] = [
    [
      'rex',
      { patientName: 'Rex', urgency: 'routine', service: 'Cardiology' },
      '2026-11-01T09:00:00Z',
    ],
    [
      'tom',
      { patientName: 'Tom', urgency: 'emergency', service: 'Surgery', ownerName: 'Jo Marsh' },
      '2026-11-02T09:00:00Z',
    ],
    [
      'ziggy',
      { patientName: 'Ziggy', urgency: 'urgent', service: 'Surgery' },
      '2026-11-03T09:00:00Z',
    ],
    [
      'luna',
      {
        patientName: 'Luna',
        urgency: 'routine',
        service: 'Oncology',
        referringVet: {
          clinicName: 'Hilltop Vets',
          name: 'Dr Okafor',
          email: 'okafor@hilltop.test',
        },
      },
      '2026-11-04T09:00:00Z',
    ],
    [
      'percent',
      { patientName: '100% Pup', urgency: 'routine', service: 'Dermatology' },
      '2026-11-05T09:00:00Z',
    ],
  ];
  for (const [key, overrides, created] of rows) {
    ids[key] = (await newReferral(ctx, overrides)).id;
    await setCreatedAt(ids[key]!, created);
  }
});

describe('listReferrals', () => {
  it('puts emergencies first, then urgent, then newest routine', async () => {
    const { items } = await list({});
    expect(items.map((i) => i.patientName)).toEqual(['Tom', 'Ziggy', '100% Pup', 'Luna', 'Rex']);
  });

  it('sorts newest and oldest first on request', async () => {
    expect((await list({ sort: 'newest' })).items.map((i) => i.patientName)[0]).toBe('100% Pup');
    expect((await list({ sort: 'oldest' })).items.map((i) => i.patientName)[0]).toBe('Rex');
  });

  it('pages through every row exactly once with the keyset cursor, in each sort', async () => {
    for (const sort of ['priority', 'newest', 'oldest', 'updated'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ sort, limit: '2', cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(Object.values(ids).sort());
    }
  });

  it('refuses a cursor made for another sort or tampered with', async () => {
    const page = await list({ sort: 'newest', limit: '2' });
    for (const cursor of [
      page.nextCursor!,
      'garbage',
      Buffer.from('["newest",0,"x","y"]').toString('base64url'),
    ]) {
      const error = await list({ sort: 'oldest', cursor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
    }
  });

  it('searches patient, owner and referring vet names case-insensitively', async () => {
    expect((await list({ q: 'zig' })).items.map((i) => i.patientName)).toEqual(['Ziggy']);
    expect((await list({ q: 'MARSH' })).items.map((i) => i.patientName)).toEqual(['Tom']);
    expect((await list({ q: 'okafor' })).items.map((i) => i.patientName)).toEqual(['Luna']);
  });

  it('treats % and _ in a search as ordinary characters', async () => {
    expect((await list({ q: '100%' })).items.map((i) => i.patientName)).toEqual(['100% Pup']);
    expect((await list({ q: '%' })).items.map((i) => i.patientName)).toEqual(['100% Pup']);
    expect((await list({ q: '_' })).items).toEqual([]);
  });

  it('filters by status, urgency, service, clinic, assignee and created dates', async () => {
    await forceStatus(practiceId, ids.rex!, 'received');
    await setCreatedAt(ids.rex!, '2026-11-01T09:00:00Z');
    const names = async (input: ListReferralsInput) =>
      (await list({ sort: 'oldest', ...input })).items.map((i) => i.patientName);

    expect(await names({ status: 'received' })).toEqual(['Rex']);
    expect(await names({ status: ['received', 'submitted'] })).toHaveLength(5);
    expect(await names({ status: 'received,needs_info' })).toEqual(['Rex']);
    expect(await names({ urgency: 'urgent' })).toEqual(['Ziggy']);
    expect(await names({ service: 'surgery' })).toEqual(['Tom', 'Ziggy']);
    const luna = (await list({ q: 'Luna' })).items[0]!;
    expect(await names({ clinic: luna.clinicId })).toEqual(['Luna']);
    expect(await names({ from: '2026-11-02', to: '2026-11-03' })).toEqual(['Tom', 'Ziggy']);

    const clinicianId = (members.clinician.actor as { userId: string }).userId;
    await withPractice(practiceId, (db) =>
      assignReferral(db, ctx, { referralId: ids.tom!, assigneeUserId: clinicianId }),
    );
    expect(await names({ assignee: clinicianId })).toEqual(['Tom']);
    expect(await names({ assignee: 'none' })).not.toContain('Tom');
  });

  it('counts per status for the same filters, ignoring the status filter itself', async () => {
    const { countsByStatus } = await list({ status: 'received', service: 'Cardiology' });
    expect(countsByStatus).toEqual({ received: 1 });
    const all = await list({ status: 'received' });
    expect(all.countsByStatus).toMatchObject({ received: 1, submitted: 4 });
  });

  it('flags submitted emergencies past their target as overdue', async () => {
    const created = await newReferral(ctx, { patientName: 'Late', urgency: 'emergency' });
    await setCreatedAt(created.id, '2026-11-06T09:00:00Z');
    const page = async (now: string) =>
      (await list({ q: 'Late' }, new Date(now))).items.find((i) => i.id === created.id)!;
    expect((await page('2026-11-06T09:59:00Z')).overdue).toBe(false);
    expect((await page('2026-11-06T10:01:00Z')).overdue).toBe(true);
  });

  it('never lists another practice’s referrals', async () => {
    const other = await practiceWithStaff();
    await newReferral(other.members.owner, { patientName: 'Stranger' });
    expect((await list({ q: 'Stranger' })).items).toEqual([]);
  });
});
