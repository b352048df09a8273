import { randomBytes, randomUUID } from 'node:crypto';

import type { RequestMeta } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';
import { issueReferralLink } from '@/lib/links/issue-referral-link';
import { createReferral } from '@/lib/referrals/create-referral';
import type { WorkflowContext } from '@/lib/referrals/workflow-context';

import { createMember, createPractice } from '../helpers/factories';

/** A fresh documentation-range IP per call, so per-IP limits never leak between tests. */
export function meta(ip = `198.51.${randomInt255()}.${randomInt255()}`): RequestMeta {
  return { requestId: randomUUID(), ip, userAgent: 'vitest' };
}

function randomInt255(): number {
  return randomBytes(1)[0]!;
}

export async function staffOf(practiceId: string, role: Role = 'owner'): Promise<WorkflowContext> {
  const userId = await createMember(practiceId, role);

  return {
    practiceId,
    actor: { type: 'user', userId, sessionId: randomUUID(), label: `${role}@example.test` },
    request: { requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'vitest' },
    role,
  };
}

export async function newReferral(staff: WorkflowContext, patientName = 'Biscuit') {
  return withPractice(staff.practiceId, (db) =>
    createReferral(db, staff, {
      urgency: 'routine',
      service: 'Cardiology',
      patientName,
      species: 'Dog',
      ownerName: 'Alex Owner',
      reason: 'Murmur grade III/VI',
      referringVet: {
        clinicName: 'Riverside Vets',
        name: 'Dr Rivera',
        email: `rivera-${randomBytes(3).toString('hex')}@riverside.test`,
      },
    }),
  );
}

/** A practice, an owner, one referral and a tracking link to its vet. */
export async function referralWithLink() {
  const practice = await createPractice();
  const staff = await staffOf(practice.id);
  const referral = await newReferral(staff);
  const issued = await withPractice(practice.id, (db) =>
    issueReferralLink(db, staff, { referralId: referral.id }),
  );

  return { practice, staff, referral, issued, token: tokenOf(issued.trackingUrl) };
}

export function tokenOf(url: string): string {
  return new URL(url).pathname.split('/').pop()!;
}
