// Support for e2e/clinician-journey.spec.ts, run with the app's environment.
//   setup → a fresh practice with a clinician and one Submitted referral;
//           prints { email, password, practiceId, referralId }
//   trail <practiceId> <referralId> → the referral's audit actions, oldest first
import { randomBytes, randomUUID } from 'node:crypto';

import type { PracticeContext } from '@/lib/auth/actor';
import { createStaffUser } from '@/lib/auth/create-staff-user';
import { withPractice } from '@/lib/db/with-practice';
import { createReferral } from '@/lib/referrals/create-referral';

const [command, practiceArg, referralArg] = process.argv.slice(2);

if (command === 'setup') {
  const practiceId = randomUUID();
  const tag = randomBytes(4).toString('hex');
  const ctx: PracticeContext = {
    practiceId,
    actor: { type: 'system', label: 'e2e' },
    request: { requestId: 'e2e', ip: null, userAgent: null },
  };
  await withPractice(practiceId, (db) =>
    db.practice.create({
      data: { id: practiceId, name: `E2E Clinic ${tag}`, slug: `e2e-c-${tag}` },
    }),
  );
  const email = `e2e-clinician-${tag}@example.test`;
  const password = `harbour-lantern-${tag}`;
  await createStaffUser(ctx, { email, name: 'Dr E2E Clinician', role: 'clinician', password });
  const referral = await withPractice(practiceId, (db) =>
    createReferral(db, ctx, {
      status: 'submitted',
      urgency: 'urgent',
      service: 'Cardiology',
      patientName: `Juniper ${tag}`,
      species: 'Dog',
      ownerName: 'Robin Fields',
      ownerConsent: 'yes',
      reason: 'Syncope on exercise; grade V/VI murmur.',
      referringVet: {
        clinicName: 'Brookside Vets',
        name: 'Dr Ada Kerr',
        email: 'ada.kerr@brookside.example',
      },
    }),
  );
  process.stdout.write(JSON.stringify({ email, password, practiceId, referralId: referral.id }));
} else if (command === 'trail' && practiceArg && referralArg) {
  const actions = await withPractice(practiceArg, async (db) => {
    const documents = await db.document.findMany({
      where: { practiceId: practiceArg, referralId: referralArg },
      select: { id: true },
    });
    const messages = await db.message.findMany({
      where: { practiceId: practiceArg, referralId: referralArg },
      select: { id: true },
    });
    const reports = await db.report.findMany({
      where: { practiceId: practiceArg, referralId: referralArg },
      select: { id: true },
    });
    const ids = [referralArg, ...[...documents, ...messages, ...reports].map((row) => row.id)];
    const events = await db.auditEvent.findMany({
      where: { practiceId: practiceArg, entityId: { in: ids } },
      orderBy: { seq: 'asc' },
      select: { action: true, actorType: true },
    });

    return events.filter((e) => e.actorType === 'user').map((e) => e.action);
  });
  process.stdout.write(JSON.stringify(actions));
} else {
  throw new Error('usage: setup | trail <practiceId> <referralId>');
}
process.exit(0);
