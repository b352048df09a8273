import 'server-only';

import { createStaffUser } from '@/lib/auth/create-staff-user';
import type { Actor, PracticeContext } from '@/lib/auth/actor';
import { withPractice } from '@/lib/db/with-practice';
import { rotateIntakeLink } from '@/lib/links/rotate-intake-link';
import { postMessage } from '@/lib/messages/post-message';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import { createReferral } from '@/lib/referrals/create-referral';

import { DEMO_PRACTICES, DEMO_REFERRALS, DEMO_STAFF, type DemoPractice } from './demo-data';

export interface DemoIntakeLink {
  practice: string;
  url: string;
}

export interface DemoSeed {
  accounts: DemoAccount[];
  /** Only for practices created by this run: a link's URL is shown once, never stored. */
  intakeLinks: DemoIntakeLink[];
}

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
  practice: string;
}

const SEED_ACTOR: Actor = { type: 'system', label: 'Demo data' };

/**
 * Fills an empty database with the demo: two practices, a user of every role in each,
 * and a dozen referrals in varied states with messages. It goes through the same
 * domain operations as the app, so the demo's audit trail is real. Idempotent: a
 * practice that exists is left as it is.
 */
export async function seedDemo(): Promise<DemoSeed> {
  const accounts: DemoAccount[] = [];
  const intakeLinks: DemoIntakeLink[] = [];
  for (const practice of DEMO_PRACTICES) {
    const ctx: PracticeContext = {
      practiceId: practice.id,
      actor: SEED_ACTOR,
      request: { requestId: 'seed', ip: null, userAgent: 'vetloop-seed' },
    };
    const fresh = await createPracticeIfMissing(practice);
    const clinicianId = await createStaff(ctx, practice, accounts);
    if (fresh) {
      await createReferrals(ctx, practice, clinicianId);
      const link = await withPractice(practice.id, (db) => rotateIntakeLink(db, ctx));
      intakeLinks.push({ practice: practice.name, url: link.intakeUrl });
    }
  }

  return { accounts, intakeLinks };
}

async function createPracticeIfMissing(practice: DemoPractice): Promise<boolean> {
  return withPractice(practice.id, async (db) => {
    const found = await db.practice.findUnique({
      where: { id: practice.id },
      select: { id: true },
    });
    if (found) return false;
    await db.practice.create({
      data: {
        id: practice.id,
        name: practice.name,
        slug: practice.slug,
        timezone: practice.timezone,
      },
    });

    return true;
  });
}

async function createStaff(
  ctx: PracticeContext,
  practice: DemoPractice,
  accounts: DemoAccount[],
): Promise<string> {
  let clinicianId = '';
  for (const person of DEMO_STAFF) {
    const email = `${person.local}@${practice.domain}`;
    const { userId } = await createStaffUser(ctx, {
      email,
      name: person.name,
      role: person.role,
      password: practice.password,
    });
    if (person.role === 'clinician') clinicianId = userId;
    accounts.push({
      email,
      password: practice.password,
      role: person.role,
      practice: practice.name,
    });
  }

  return clinicianId;
}

async function createReferrals(ctx: PracticeContext, practice: DemoPractice, clinicianId: string) {
  for (const [index, demo] of DEMO_REFERRALS.entries()) {
    await withPractice(practice.id, async (db) => {
      const referral = await createReferral(db, ctx, {
        status: 'submitted',
        urgency: demo.urgency,
        service: demo.service,
        patientName: demo.patientName,
        species: demo.species,
        breed: demo.breed,
        sex: demo.sex,
        weightKg: String(demo.weightKg),
        ownerName: demo.ownerName,
        ownerConsent: 'yes',
        reason: demo.reason,
        referringVet: { clinicName: demo.clinic, name: demo.vet, email: demo.vetEmail },
      });
      for (const action of demo.path) {
        await changeReferralStatus(db, ctx, stepInput(referral.id, action, index, clinicianId));
      }
      for (const message of demo.messages ?? []) {
        await postMessage(
          db,
          { ...ctx, userName: 'Dr Samuel Okafor' },
          { referralId: referral.id, ...message },
        );
      }
    });
  }
}

function stepInput(referralId: string, action: string, index: number, clinicianId: string) {
  const day = new Date(Date.now() + (index + 2) * 86_400_000).toISOString().slice(0, 10);
  switch (action) {
    case 'request_info':
      return { referralId, action, note: 'Please send the latest radiographs and bloods.' };
    case 'decline':
      return {
        referralId,
        action,
        declineReason: 'Our exotics service is closed for refurbishment until February.',
        declineAlternative: 'Lakeside Exotic Animal Hospital',
      };
    case 'schedule':
      return {
        referralId,
        action,
        scheduledAt: `${day}T10:30`,
        clinicianUserId: clinicianId,
        location: 'Consult room 2',
      };
    default:
      return { referralId, action };
  }
}
