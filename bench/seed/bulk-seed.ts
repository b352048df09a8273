/**
 * Bulk data for benchmarks and plan tests, written set-wise with generate_series as a
 * superuser (which row-level security does not bind), so a practice with 4,000 or 40,000
 * referrals takes seconds rather than the minutes the domain operations would need. The
 * rows respect every constraint and foreign key; text is varied enough that searches,
 * filters and the planner's statistics behave as they would on real data.
 */
import { randomUUID } from 'node:crypto';

import type pg from 'pg';

export interface PracticeSeed {
  /** Referrals in this practice. */
  referrals: number;
  /** Referring clinics; each has two vets. */
  clinics?: number;
  /** Staff members besides the admin (clinicians and nurses). */
  staff?: number;
  /** Messages per referral. */
  messagesPerReferral?: number;
  /** One document row (metadata only) per this many referrals; 0 for none. */
  documentEvery?: number;
  label: string;
}

export interface SeededPractice {
  practiceId: string;
  slug: string;
  adminUserId: string;
  staffUserIds: string[];
}

/** Inserts one practice with its staff, clinics, vets, referrals, history, messages, documents. */
export async function seedPractice(su: pg.Client, seed: PracticeSeed): Promise<SeededPractice> {
  const practiceId = randomUUID();
  const slug = `bench-${seed.label}-${practiceId.slice(0, 8)}`;
  await su.query(
    `INSERT INTO practices (id, name, slug, timezone) VALUES ($1, $2, $3, 'Europe/London')`,
    [practiceId, `Bench Hospital ${seed.label}`, slug],
  );
  const staffUserIds = await seedStaff(su, practiceId, slug, seed.staff ?? 8);
  const adminUserId = staffUserIds[0]!;
  await seedClinicsAndVets(su, practiceId, seed.clinics ?? 60);
  await seedReferrals(su, practiceId, seed.referrals, staffUserIds.slice(1));
  await seedHistory(su, practiceId);
  await seedMessages(su, practiceId, seed.messagesPerReferral ?? 1, staffUserIds);
  if ((seed.documentEvery ?? 4) > 0) await seedDocuments(su, practiceId, seed.documentEvery ?? 4);

  return { practiceId, slug, adminUserId, staffUserIds };
}

/** The first user returned is an admin; the rest alternate clinician and nurse. */
async function seedStaff(su: pg.Client, practiceId: string, slug: string, count: number) {
  const { rows } = await su.query<{ id: string }>(
    `INSERT INTO users (email, name)
     SELECT 'staff' || g || '@' || $2 || '.bench.test', 'Dr Bench ' || $2 || ' ' || g
       FROM generate_series(0, $1) g
     RETURNING id`,
    [count, slug],
  );
  const ids = rows.map((r) => r.id);
  await su.query(
    `INSERT INTO memberships (practice_id, user_id, role)
     SELECT $1, u, CASE WHEN i = 1 THEN 'admin' WHEN i % 2 = 0 THEN 'clinician' ELSE 'nurse' END
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, i)`,
    [practiceId, ids],
  );

  return ids;
}

async function seedClinicsAndVets(su: pg.Client, practiceId: string, clinics: number) {
  await su.query(
    `INSERT INTO referring_clinics (practice_id, name, phone, email)
     SELECT $1, (ARRAY['Riverside','Hillcrest','Oakwood','Meadow','Harbour','Northgate',
                       'Willow','Castle','Elm Park','Bridge'])[1 + g % 10] || ' Veterinary ' || g,
            '+44 20 7946 ' || lpad((g % 10000)::text, 4, '0'), 'clinic' || g || '@vets.test'
       FROM generate_series(1, $2) g`,
    [practiceId, clinics],
  );
  await su.query(
    `INSERT INTO referring_vets (practice_id, clinic_id, name, email)
     SELECT c.practice_id, c.id,
            'Dr ' || (ARRAY['Rivera','Okafor','Nguyen','Schmidt','Patel','Kowalski','Haddad',
                            'Lindqvist','Moreau','Tanaka'])[1 + (n + k) % 10] || ' ' || n || '-' || k,
            'vet' || k || '.' || n || '@vets.test'
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM referring_clinics
              WHERE practice_id = $1) c
       CROSS JOIN generate_series(1, 2) k`,
    [practiceId],
  );
}

async function seedReferrals(su: pg.Client, practiceId: string, count: number, staff: string[]) {
  // Statuses by g % 20: mostly finished work, with a live inbox (received, needs_info...).
  await su.query(
    `WITH v AS (
       SELECT array_agg(id ORDER BY id) AS vets, array_agg(clinic_id ORDER BY id) AS clinics,
              count(*)::int AS n
         FROM referring_vets WHERE practice_id = $1)
     INSERT INTO referrals (practice_id, reference, status, urgency, service, patient_name,
       species, breed, sex, weight_kg, owner_name, owner_phone, owner_email, owner_consent,
       referring_clinic_id, referring_vet_id, reason, history, assignee_user_id,
       submitted_at, status_changed_at, created_at, updated_at)
     SELECT $1, 'BN' || lpad(g::text, 7, '0'),
       (ARRAY['submitted','submitted','received','received','received','needs_info','accepted',
              'scheduled','in_care','discharged','report_sent','closed','closed','closed',
              'closed','closed','closed','closed','declined','cancelled'])[1 + g % 20],
       (ARRAY['routine','routine','routine','urgent','urgent','emergency'])[1 + g % 6],
       (ARRAY['Cardiology','Oncology','Orthopaedics','Neurology','Dermatology','Internal medicine',
              'Ophthalmology','Soft tissue surgery'])[1 + (g / 7) % 8],
       (ARRAY['Biscuit','Luna','Max','Bella','Charlie','Daisy','Milo','Poppy','Teddy','Willow',
              'Oscar','Ruby','Archie','Rosie','Alfie','Molly'])[1 + g % 16] || ' ' || g,
       (ARRAY['Dog','Cat','Dog','Rabbit','Cat','Dog'])[1 + g % 6],
       (ARRAY['Labrador','Domestic shorthair','Border collie','Lop','Siamese','Spaniel'])[1 + g % 6],
       (ARRAY['male','female','male_neutered','female_spayed'])[1 + g % 4],
       (2 + g % 40)::numeric,
       (ARRAY['Alex','Sam','Jordan','Morgan','Taylor','Casey','Riley','Jamie'])[1 + g % 8] || ' '
         || (ARRAY['Smith','Jones','Brown','Wilson','Evans','Thomas','Roberts','Walker',
                   'Wright','Hughes'])[1 + (g / 8) % 10],
       '+44 7700 ' || lpad((g % 1000000)::text, 6, '0'), 'owner' || g || '@mail.test',
       g % 3 <> 0,
       v.clinics[1 + g % v.n], v.vets[1 + g % v.n],
       'Referred for ' || (ARRAY['a grade III/VI murmur','lameness of the left hind',
         'a mass on the flank','recurrent seizures','chronic pruritus','weight loss and PU/PD',
         'a corneal ulcer','a suspected foreign body'])[1 + g % 8] || '. Seen ' || (1 + g % 9)
         || ' times since spring; owner keen to proceed with work-up.',
       repeat('History: vaccinated, insured, no known allergies. Bloods ' || g || ' unremarkable. ',
              1 + g % 4),
       CASE WHEN g % 3 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % cardinality($3::uuid[])] END,
       now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute',
       now() - (g % 700) * interval '1 day' - (g % 977) * interval '1 minute',
       now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute' - interval '5 min',
       now() - (g % 700) * interval '1 day'
     FROM generate_series(1, $2) g, v`,
    [practiceId, count, staff],
  );
}

async function seedHistory(su: pg.Client, practiceId: string) {
  await su.query(
    `INSERT INTO referral_status_history (practice_id, referral_id, from_status, to_status,
       actor_type, created_at)
     SELECT r.practice_id, r.id, s.f, s.t, 'system', r.created_at + s.o
       FROM referrals r
       CROSS JOIN LATERAL (VALUES ('draft', 'submitted', interval '1 min'),
                                  ('submitted', 'received', interval '2 hours'),
                                  ('received', r.status, interval '1 day')) AS s(f, t, o)
      WHERE r.practice_id = $1
        AND (s.t IN ('submitted', 'received') OR r.status NOT IN ('submitted', 'received'))
        AND NOT (r.status = 'submitted' AND s.t = 'received')`,
    [practiceId],
  );
}

async function seedMessages(
  su: pg.Client,
  practiceId: string,
  perReferral: number,
  staff: string[],
) {
  if (perReferral <= 0) return;
  await su.query(
    `INSERT INTO messages (practice_id, referral_id, visibility, author_type, author_id,
       author_name, body, created_at)
     SELECT r.practice_id, r.id, CASE WHEN k % 2 = 0 THEN 'shared' ELSE 'internal' END,
            'user', ($2::uuid[])[1 + k % cardinality($2::uuid[])], 'Dr Bench',
            'Bloods attached; please call the owner about timing (' || r.reference || '/' || k || ').',
            r.created_at + k * interval '3 hours'
       FROM referrals r
       CROSS JOIN generate_series(1, $3::int) k
      WHERE r.practice_id = $1`,
    [practiceId, staff, Math.round(perReferral)],
  );
}

async function seedDocuments(su: pg.Client, practiceId: string, every: number) {
  await su.query(
    `INSERT INTO documents (practice_id, id, referral_id, kind, visibility, filename,
       content_type, size_bytes, sha256, storage_key, encryption, uploaded_by_type, created_at)
     SELECT r.practice_id, d.id, r.id, 'record', 'shared', 'bloods-' || r.reference || '.pdf',
            'application/pdf', 250000, sha256(r.id::text::bytea), r.practice_id || '/' || d.id,
            '{"kid": "seeded", "wrappedKey": "none", "chunkSize": 65536}'::jsonb, 'system',
            r.created_at + interval '1 hour'
       FROM (SELECT *, row_number() OVER () AS n FROM referrals WHERE practice_id = $1) r
       CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, r.n AS n) d
      WHERE r.n % $2 = 0`,
    [practiceId, every],
  );
}

/** Fresh statistics and visibility maps, so plans and index-only scans are as in production. */
export async function analyzeAll(su: pg.Client): Promise<void> {
  await su.query('VACUUM ANALYZE');
}
