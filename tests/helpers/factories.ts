import { randomBytes, randomUUID } from 'node:crypto';

import { withPractice, type PracticeDb } from '@/lib/db/with-practice';

const suffix = () => randomBytes(4).toString('hex');

export async function createPractice(name = `Practice ${suffix()}`) {
  const id = randomUUID();

  return withPractice(id, (db) =>
    db.practice.create({ data: { id, name, slug: `p-${suffix()}` } }),
  );
}

export async function createUser(db: PracticeDb, email = `user-${suffix()}@example.test`) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT auth.create_user(${email}, ${'Test User'}, ${null}) AS id`;

  return rows[0]!.id;
}

export async function createMember(practiceId: string, role = 'clinician') {
  return withPractice(practiceId, async (db) => {
    const userId = await createUser(db);
    await db.membership.create({ data: { practiceId, userId, role } });

    return userId;
  });
}

export async function createReferral(practiceId: string, overrides: { patientName?: string } = {}) {
  return withPractice(practiceId, async (db) => {
    const clinic = await db.referringClinic.create({
      data: { practiceId, name: `Clinic ${suffix()}` },
    });
    const vet = await db.referringVet.create({
      data: {
        practiceId,
        clinicId: clinic.id,
        name: 'Dr Vet',
        email: `vet-${suffix()}@example.test`,
      },
    });

    return db.referral.create({
      data: {
        practiceId,
        reference: `VL-${suffix().toUpperCase()}`,
        status: 'submitted',
        urgency: 'routine',
        service: 'Cardiology',
        patientName: overrides.patientName ?? 'Biscuit',
        species: 'Dog',
        ownerName: 'Alex Owner',
        referringClinicId: clinic.id,
        referringVetId: vet.id,
        reason: 'Murmur grade III/VI',
      },
    });
  });
}
