import { randomUUID } from 'node:crypto';

import type { Role } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';
import { createReferral as createReferralOp } from '@/lib/referrals/create-referral';
import type { CreateReferralInput } from '@/lib/referrals/create-referral.schema';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { createMember, createPractice } from '../helpers/factories';

export function staffCtx(practiceId: string, userId: string, role: Role): WorkflowContext {
  return {
    practiceId,
    actor: { type: 'user', userId, sessionId: randomUUID(), label: `${role}@example.test` },
    request: { requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'vitest' },
    role,
    userName: `Test ${role}`,
  };
}

export function guestCtx(practiceId: string, linkId = randomUUID()): WorkflowContext {
  return {
    practiceId,
    actor: { type: 'guest', linkId, label: 'Dr Vet (link)' },
    request: { requestId: randomUUID(), ip: null, userAgent: null },
  };
}

export function systemCtx(practiceId: string): WorkflowContext {
  return {
    practiceId,
    actor: { type: 'system', label: 'test' },
    request: { requestId: randomUUID(), ip: null, userAgent: null },
  };
}

/** A practice with one member per role. */
export async function practiceWithStaff() {
  const practice = await createPractice();
  const roles: Role[] = ['owner', 'admin', 'clinician', 'nurse', 'front_desk', 'read_only'];
  const members = {} as Record<Role, WorkflowContext>;
  for (const role of roles) {
    members[role] = staffCtx(practice.id, await createMember(practice.id, role), role);
  }

  return { practice, members };
}

export function referralInput(overrides: Partial<CreateReferralInput> = {}): CreateReferralInput {
  return {
    urgency: 'routine',
    service: 'Cardiology',
    patientName: 'Biscuit',
    species: 'Dog',
    ownerName: 'Alex Owner',
    reason: 'Murmur grade III/VI',
    referringVet: {
      clinicName: 'Riverside Vets',
      name: 'Dr Rivera',
      email: 'rivera@riverside.test',
    },
    ...overrides,
  } as CreateReferralInput;
}

export async function newReferral(
  ctx: WorkflowContext,
  overrides: Partial<CreateReferralInput> = {},
) {
  return withPractice(ctx.practiceId, (db) => createReferralOp(db, ctx, referralInput(overrides)));
}

/** Puts a referral straight into a status, bypassing the workflow, to test from there. */
export async function forceStatus(practiceId: string, id: string, status: string) {
  await withPractice(practiceId, (db) =>
    db.referral.update({
      where: { practiceId_id: { practiceId, id } },
      data: { status, statusChangedAt: new Date() },
    }),
  );
}
