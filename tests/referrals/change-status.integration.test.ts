import { beforeAll, describe, expect, it } from 'vitest';

import { can, type Role } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import type { ChangeStatusInput } from '@/lib/referrals/change-status.schema';
import { REFERRAL_STATUSES, TRANSITIONS, type Transition } from '@/lib/referrals/state-machine';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { forceStatus, guestCtx, newReferral, practiceWithStaff, systemCtx } from './helpers';

let practiceId: string;
let members: Record<Role, WorkflowContext>;
let clinicianId: string;

beforeAll(async () => {
  const setup = await practiceWithStaff();
  practiceId = setup.practice.id;
  members = setup.members;
  clinicianId = (members.clinician.actor as { userId: string }).userId;
});

function inputFor(t: Transition, referralId: string): ChangeStatusInput {
  return {
    referralId,
    action: t.action,
    note: t.required.includes('note') ? 'Because the owner asked' : undefined,
    declineReason: t.required.includes('declineReason') ? 'No capacity this week' : undefined,
    declineAlternative: t.action === 'decline' ? 'City Referrals' : undefined,
    scheduledAt: t.required.includes('scheduledAt') ? '2026-12-10T09:30' : undefined,
    clinicianUserId: t.required.includes('clinician') ? clinicianId : undefined,
    location: t.required.includes('location') ? 'Consult room 2' : undefined,
  };
}

const change = (ctx: WorkflowContext, input: ChangeStatusInput) =>
  withPractice(ctx.practiceId, (db) => changeReferralStatus(db, ctx, input));

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);

  return error as AppError;
}

const allowed = TRANSITIONS.flatMap((t) => t.from.map((from) => [t.action, from, t.to] as const));

describe('changeReferralStatus: the transition table', () => {
  it.each(allowed)(
    '%s moves a referral from %s to %s with history and audit',
    async (action, from, to) => {
      const t = TRANSITIONS.find((x) => x.action === action)!;
      const referral = await newReferral(members.owner);
      await forceStatus(practiceId, referral.id, from);

      const after = await change(members.owner, inputFor(t, referral.id));

      expect(after.status).toBe(to);
      const rows = await withPractice(practiceId, async (db) => ({
        history: await db.referralStatusHistory.findMany({
          where: { referralId: referral.id, fromStatus: from },
        }),
        audit: await db.auditEvent.findMany({
          where: { entityId: referral.id, action: 'referral.status_changed' },
        }),
        emails: await db.emailOutbox.count({ where: { template: `referral.${action}` } }),
      }));
      expect(rows.history).toHaveLength(1);
      expect(rows.history[0]).toMatchObject({ toStatus: to, actorType: 'user' });
      expect(rows.audit).toHaveLength(1);
      expect(rows.audit[0]!.metadata).toEqual({ transition: action, from, to });
      if (t.notify) expect(rows.emails).toBeGreaterThan(0);
    },
  );

  it('refuses every status change the table does not list, naming both statuses', async () => {
    const referral = await newReferral(members.owner);
    let refused = 0;
    for (const from of REFERRAL_STATUSES) {
      await forceStatus(practiceId, referral.id, from);
      for (const t of TRANSITIONS.filter((x) => !(x.from as readonly string[]).includes(from))) {
        const error = await errorOf(change(members.owner, inputFor(t, referral.id)));
        expect(error.code).toBe('invalid_transition');
        expect(error.publicMessage).toMatch(/^A referral cannot move from .+ to .+/);
        refused += 1;
      }
    }
    expect(refused).toBe(REFERRAL_STATUSES.length * TRANSITIONS.length - allowed.length);
    const history = await withPractice(practiceId, (db) =>
      db.referralStatusHistory.count({ where: { referralId: referral.id } }),
    );
    expect(history).toBe(1);
  });

  it('says exactly which statuses a refused change was between', async () => {
    const referral = await newReferral(members.owner);
    const error = await errorOf(
      change(members.owner, { referralId: referral.id, action: 'close' }),
    );
    expect(error.publicMessage).toBe('A referral cannot move from Submitted to Closed (Close).');
  });
});

describe('changeReferralStatus: who may take each step', () => {
  const roles: Role[] = ['owner', 'admin', 'clinician', 'nurse', 'front_desk', 'read_only'];
  const cases = TRANSITIONS.flatMap((t) => roles.map((role) => [t.action, role] as const));

  it.each(cases)('%s by %s follows the permission table', async (action, role) => {
    const t = TRANSITIONS.find((x) => x.action === action)!;
    const referral = await newReferral(members.owner);
    await forceStatus(practiceId, referral.id, t.from[0]!);
    const attempt = change(members[role], inputFor(t, referral.id));

    if (can(role, t.permission)) {
      expect((await attempt).status).toBe(t.to);
    } else {
      expect((await errorOf(attempt)).code).toBe('forbidden');
    }
  });

  it('lets the referring vet take only the steps marked for guests', async () => {
    for (const t of TRANSITIONS) {
      const referral = await newReferral(members.owner);
      await forceStatus(practiceId, referral.id, t.from[0]!);
      const attempt = change(guestCtx(practiceId), inputFor(t, referral.id));
      if (t.guest) expect((await attempt).status).toBe(t.to);
      else expect((await errorOf(attempt)).code).toBe('forbidden');
    }
  });

  it('refuses an API key whose scopes leave out the step', async () => {
    const referral = await newReferral(members.owner);
    const scoped = { ...members.owner, scopes: ['referral.read', 'referral.triage'] as const };
    const error = await errorOf(
      change(
        { ...scoped, scopes: [...scoped.scopes] },
        { referralId: referral.id, action: 'receive' },
      ).then(() =>
        change(
          { ...scoped, scopes: [...scoped.scopes] },
          { referralId: referral.id, action: 'accept' },
        ),
      ),
    );
    expect(error.code).toBe('forbidden');
  });
});

describe('changeReferralStatus: required details', () => {
  it('refuses a decline without a reason and tells which field is missing', async () => {
    const referral = await newReferral(members.owner);
    await forceStatus(practiceId, referral.id, 'received');
    const error = await errorOf(
      change(members.clinician, { referralId: referral.id, action: 'decline', declineReason: ' ' }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields).toEqual([{ path: 'declineReason', message: 'Required' }]);
  });

  it('stores the decline reason and alternative and emails them to the referring vet', async () => {
    const referral = await newReferral(members.owner);
    await forceStatus(practiceId, referral.id, 'received');
    const after = await change(members.clinician, {
      referralId: referral.id,
      action: 'decline',
      declineReason: 'We do not offer MRI',
      declineAlternative: 'Northside Imaging',
    });
    expect(after).toMatchObject({
      declineReason: 'We do not offer MRI',
      declineAlternative: 'Northside Imaging',
    });
    const mail = await withPractice(practiceId, (db) =>
      db.emailOutbox.findFirst({
        where: { template: 'referral.decline', toAddress: after.referringVet.email },
        orderBy: { createdAt: 'desc' },
      }),
    );
    expect(mail?.bodyText).toContain('We do not offer MRI');
    expect(mail?.bodyText).toContain('Northside Imaging');
  });

  it('schedules with a time read in the practice zone, a clinician and a location', async () => {
    const referral = await newReferral(members.owner);
    await forceStatus(practiceId, referral.id, 'accepted');
    await withPractice(practiceId, (db) =>
      db.practice.update({ where: { id: practiceId }, data: { timezone: 'America/New_York' } }),
    );
    const after = await change(members.front_desk, {
      referralId: referral.id,
      action: 'schedule',
      scheduledAt: '2026-12-10T09:30',
      clinicianUserId: clinicianId,
      location: 'Room 2',
    });
    expect(after.scheduledAt?.toISOString()).toBe('2026-12-10T14:30:00.000Z');
    expect(after.assigneeUserId).toBe(clinicianId);
    expect(after.scheduledLocation).toBe('Room 2');
    await withPractice(practiceId, (db) =>
      db.practice.update({ where: { id: practiceId }, data: { timezone: 'UTC' } }),
    );
  });

  it('refuses a nurse or another practice member as the scheduled clinician', async () => {
    const referral = await newReferral(members.owner);
    await forceStatus(practiceId, referral.id, 'accepted');
    const nurseId = (members.nurse.actor as { userId: string }).userId;
    const other = await practiceWithStaff();
    const outsiderId = (other.members.clinician.actor as { userId: string }).userId;
    for (const id of [nurseId, outsiderId]) {
      const error = await errorOf(
        change(members.owner, {
          referralId: referral.id,
          action: 'schedule',
          scheduledAt: '2026-12-10T09:30',
          clinicianUserId: id,
          location: 'Room 2',
        }),
      );
      expect(error.code).toBe('validation_failed');
      expect(error.details.fields?.[0]?.path).toBe('clinicianUserId');
    }
  });

  it('answers conflict when someone moved the referral since the user looked', async () => {
    const referral = await newReferral(members.owner);
    await change(members.owner, { referralId: referral.id, action: 'receive' });
    const error = await errorOf(
      change(members.owner, {
        referralId: referral.id,
        action: 'receive',
        expectedStatus: 'submitted',
      }),
    );
    expect(error.code).toBe('conflict');
  });

  it('clears the decline when a declined referral is reopened, keeping it in the trail', async () => {
    const referral = await newReferral(members.owner);
    await forceStatus(practiceId, referral.id, 'received');
    await change(members.owner, {
      referralId: referral.id,
      action: 'decline',
      declineReason: 'Full',
    });
    const after = await change(members.owner, {
      referralId: referral.id,
      action: 'reopen',
      note: 'Space freed up',
    });
    expect(after).toMatchObject({ status: 'received', declineReason: null });
    const event = await withPractice(practiceId, (db) =>
      db.auditEvent.findFirst({
        where: { entityId: referral.id, action: 'referral.status_changed' },
        orderBy: { seq: 'desc' },
      }),
    );
    expect(event?.changes).toMatchObject({ declineReason: { from: 'Full', to: null } });
  });

  it('lets the system (seed) walk a referral from draft to closed', async () => {
    const referral = await newReferral(members.owner, { status: 'draft' });
    const steps: ChangeStatusInput[] = [
      { referralId: referral.id, action: 'submit' },
      { referralId: referral.id, action: 'receive' },
      { referralId: referral.id, action: 'accept' },
      {
        referralId: referral.id,
        action: 'schedule',
        scheduledAt: '2026-12-10T09:30:00Z',
        clinicianUserId: clinicianId,
        location: 'Room 1',
      },
      { referralId: referral.id, action: 'admit' },
      { referralId: referral.id, action: 'discharge' },
      { referralId: referral.id, action: 'send_report' },
      { referralId: referral.id, action: 'close' },
    ];
    const ctx = systemCtx(practiceId);
    for (const step of steps) await change(ctx, step);
    const history = await withPractice(practiceId, (db) =>
      db.referralStatusHistory.findMany({
        where: { referralId: referral.id },
        orderBy: { createdAt: 'asc' },
      }),
    );
    expect(history.map((h) => h.toStatus)).toEqual([
      'draft',
      'submitted',
      'received',
      'accepted',
      'scheduled',
      'in_care',
      'discharged',
      'report_sent',
      'closed',
    ]);
  });
});
