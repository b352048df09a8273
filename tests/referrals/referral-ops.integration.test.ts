import { beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { listThread } from '@/lib/messages/list-thread';
import { markThreadRead } from '@/lib/messages/mark-thread-read';
import { postMessage } from '@/lib/messages/post-message';
import { assignReferral } from '@/lib/referrals/assign-referral';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import { getReferral } from '@/lib/referrals/get-referral';
import { listReferralTimeline } from '@/lib/referrals/list-referral-timeline';
import { recordReferralView } from '@/lib/referrals/record-referral-view';
import { updateReferral } from '@/lib/referrals/update-referral';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { forceStatus, guestCtx, newReferral, practiceWithStaff } from './helpers';

let members: Record<Role, WorkflowContext>;
let other: Record<Role, WorkflowContext>;
let practiceId: string;

beforeAll(async () => {
  const a = await practiceWithStaff();
  const b = await practiceWithStaff();
  members = a.members;
  practiceId = a.practice.id;
  other = b.members;
});

const inTx = <T>(
  ctx: WorkflowContext,
  fn: (db: Parameters<Parameters<typeof withPractice>[1]>[0]) => Promise<T>,
) => withPractice(ctx.practiceId, fn);

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);

  return error as AppError;
}

describe('updateReferral', () => {
  it('records each changed field before and after, and only those', async () => {
    const ctx = members.nurse;
    const referral = await newReferral(ctx, { weightKg: 12.5 });
    const { changed } = await inTx(ctx, (db) =>
      updateReferral(db, ctx, {
        referralId: referral.id,
        patientName: 'Biscuit II',
        weightKg: '13',
        species: 'Dog',
        breed: '',
        dateOfBirth: '2019-04-01',
        ownerPhone: '0123 456',
      }),
    );
    expect(changed.sort()).toEqual(['dateOfBirth', 'ownerPhone', 'patientName', 'weightKg']);
    const event = await inTx(ctx, (db) =>
      db.auditEvent.findFirst({ where: { entityId: referral.id, action: 'referral.updated' } }),
    );
    expect(event?.changes).toEqual({
      dateOfBirth: { from: null, to: '2019-04-01' },
      ownerPhone: { from: '[redacted]', to: '[redacted]' },
      patientName: { from: 'Biscuit', to: 'Biscuit II' },
      weightKg: { from: 12.5, to: 13 },
    });
    expect(event?.actorType).toBe('user');
  });

  it('writes nothing and records nothing when nothing changed', async () => {
    const ctx = members.nurse;
    const referral = await newReferral(ctx);
    const result = await inTx(ctx, (db) =>
      updateReferral(db, ctx, { referralId: referral.id, patientName: 'Biscuit' }),
    );
    expect(result.changed).toEqual([]);
    expect(
      await inTx(ctx, (db) =>
        db.auditEvent.count({ where: { entityId: referral.id, action: 'referral.updated' } }),
      ),
    ).toBe(0);
  });

  it('refuses a stale edit and an edit of a closed referral', async () => {
    const ctx = members.nurse;
    const referral = await newReferral(ctx);
    await inTx(ctx, (db) => updateReferral(db, ctx, { referralId: referral.id, species: 'Cat' }));
    const stale = await errorOf(
      inTx(ctx, (db) =>
        updateReferral(db, ctx, {
          referralId: referral.id,
          species: 'Rabbit',
          expectedUpdatedAt: referral.updatedAt.toISOString(),
        }),
      ),
    );
    expect(stale.code).toBe('conflict');
    await forceStatus(practiceId, referral.id, 'closed');
    const closed = await errorOf(
      inTx(ctx, (db) => updateReferral(db, ctx, { referralId: referral.id, species: 'Rabbit' })),
    );
    expect(closed.publicMessage).toBe('This referral is Closed; reopen it to edit.');
  });
});

describe('assignReferral', () => {
  it('assigns a clinician, records it, and refuses a non-clinician', async () => {
    const ctx = members.front_desk;
    const referral = await newReferral(ctx);
    const clinicianId = (members.clinician.actor as { userId: string }).userId;
    const after = await inTx(ctx, (db) =>
      assignReferral(db, ctx, { referralId: referral.id, assigneeUserId: clinicianId }),
    );
    expect(after.assigneeUserId).toBe(clinicianId);
    const nurseId = (members.nurse.actor as { userId: string }).userId;
    const error = await errorOf(
      inTx(ctx, (db) =>
        assignReferral(db, ctx, { referralId: referral.id, assigneeUserId: nurseId }),
      ),
    );
    expect(error.code).toBe('validation_failed');
    const cleared = await inTx(ctx, (db) =>
      assignReferral(db, ctx, { referralId: referral.id, assigneeUserId: '' }),
    );
    expect(cleared.assigneeUserId).toBeNull();
  });
});

describe('messages', () => {
  it('keeps internal notes from the referring vet and tracks who read what', async () => {
    const staff = members.clinician;
    const vet = guestCtx(practiceId);
    const referral = await newReferral(staff);
    await inTx(staff, (db) =>
      postMessage(db, staff, {
        referralId: referral.id,
        body: 'Please send bloods',
        visibility: 'shared',
      }),
    );
    await inTx(staff, (db) =>
      postMessage(db, staff, {
        referralId: referral.id,
        body: 'Owner is anxious',
        visibility: 'internal',
      }),
    );
    await inTx(vet, (db) => postMessage(db, vet, { referralId: referral.id, body: 'Attached' }));

    const vetView = await inTx(vet, (db) => listThread(db, vet, referral.id));
    expect(vetView.map((m) => m.body)).toEqual(['Please send bloods', 'Attached']);

    const nurse = members.nurse;
    const before = await inTx(nurse, (db) => listThread(db, nurse, referral.id));
    expect(before.map((m) => [m.body, m.readByMe])).toEqual([
      ['Please send bloods', false],
      ['Owner is anxious', false],
      ['Attached', false],
    ]);
    expect(before.map((m) => m.authorName)).toEqual([
      'Test clinician',
      'Test clinician',
      'Dr Vet (link)',
    ]);
    await inTx(nurse, (db) => markThreadRead(db, nurse, referral.id));
    await inTx(vet, (db) => markThreadRead(db, vet, referral.id));
    const after = await inTx(nurse, (db) => listThread(db, nurse, referral.id));
    expect(after.every((m) => m.readByMe)).toBe(true);
    expect(after[0]!.readByReferringVetAt).toBeInstanceOf(Date);
    expect(after[1]!.readByReferringVetAt).toBeNull();

    const views = await inTx(nurse, (db) =>
      db.auditEvent.count({ where: { entityId: referral.id, action: 'message_thread.viewed' } }),
    );
    expect(views).toBe(2);
    const mails = await inTx(staff, (db) =>
      db.emailOutbox.count({
        where: { template: 'referral.message', toAddress: referral.referringVet.email },
      }),
    );
    expect(mails).toBeGreaterThanOrEqual(1);
  });

  it('refuses an internal note from the referring vet and one from a read-only member', async () => {
    const referral = await newReferral(members.owner);
    const vet = guestCtx(practiceId);
    expect(
      (
        await errorOf(
          inTx(vet, (db) =>
            postMessage(db, vet, { referralId: referral.id, body: 'x', visibility: 'internal' }),
          ),
        )
      ).code,
    ).toBe('forbidden');
    const ro = members.read_only;
    expect(
      (await errorOf(inTx(ro, (db) => postMessage(db, ro, { referralId: referral.id, body: 'x' }))))
        .code,
    ).toBe('forbidden');
  });
});

describe('timeline', () => {
  it('combines status changes, edits, messages and views, newest first', async () => {
    const ctx = members.admin;
    const referral = await newReferral(ctx);
    await inTx(ctx, (db) =>
      changeReferralStatus(db, ctx, { referralId: referral.id, action: 'receive' }),
    );
    await inTx(ctx, (db) => updateReferral(db, ctx, { referralId: referral.id, species: 'Cat' }));
    await inTx(ctx, (db) => postMessage(db, ctx, { referralId: referral.id, body: 'Hello' }));
    await inTx(ctx, (db) => recordReferralView(db, ctx, referral.id));

    const timeline = await inTx(ctx, (db) => listReferralTimeline(db, ctx, referral.id));
    expect(timeline.map((e) => e.kind)).toEqual(['view', 'message', 'edit', 'status', 'status']);
    const edit = timeline.find((e) => e.kind === 'edit');
    expect(edit).toMatchObject({
      changes: { species: { from: 'Dog', to: 'Cat' } },
      fields: ['species'],
    });

    const nurse = members.nurse;
    const nurseView = await inTx(nurse, (db) => listReferralTimeline(db, nurse, referral.id));
    expect(nurseView.find((e) => e.kind === 'edit')).toMatchObject({
      changes: null,
      fields: ['species'],
    });
  });
});

describe('timeline views', () => {
  it("folds one person's repeated opens into one line with a count", async () => {
    const ctx = members.nurse;
    const referral = await newReferral(ctx);
    for (let i = 0; i < 3; i += 1) {
      await inTx(ctx, async (db) => {
        await recordReferralView(db, ctx, referral.id);
        await markThreadRead(db, ctx, referral.id);
      });
    }
    const timeline = await inTx(ctx, (db) => listReferralTimeline(db, ctx, referral.id));
    const views = timeline.filter((e) => e.kind === 'view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ count: 3, actor: 'Test User' });
  });
});

describe("another practice's referral", () => {
  it('is not_found for every operation', async () => {
    const referral = await newReferral(members.owner);
    const outsider = other.owner;
    const id = referral.id;
    const attempts: [
      string,
      (db: Parameters<Parameters<typeof withPractice>[1]>[0]) => Promise<unknown>,
    ][] = [
      ['getReferral', (db) => getReferral(db, outsider, id)],
      [
        'changeReferralStatus',
        (db) => changeReferralStatus(db, outsider, { referralId: id, action: 'receive' }),
      ],
      ['updateReferral', (db) => updateReferral(db, outsider, { referralId: id, species: 'Cat' })],
      [
        'assignReferral',
        (db) => assignReferral(db, outsider, { referralId: id, assigneeUserId: null }),
      ],
      ['recordReferralView', (db) => recordReferralView(db, outsider, id)],
      ['listReferralTimeline', (db) => listReferralTimeline(db, outsider, id)],
      ['postMessage', (db) => postMessage(db, outsider, { referralId: id, body: 'hi' })],
      ['listThread', (db) => listThread(db, outsider, id)],
      ['markThreadRead', (db) => markThreadRead(db, outsider, id)],
    ];
    for (const [name, attempt] of attempts) {
      const error = await errorOf(inTx(outsider, attempt));
      expect([name, error.code]).toEqual([name, 'not_found']);
    }
    const untouched = await inTx(members.owner, (db) => getReferral(db, members.owner, id));
    expect(untouched.referral).toMatchObject({ status: 'submitted', species: 'Dog' });
  });

  it('answers not_found for an id that is not a UUID rather than failing', async () => {
    const ctx = members.owner;
    expect((await errorOf(inTx(ctx, (db) => getReferral(db, ctx, 'nope')))).code).toBe('not_found');
  });
});
