import { randomBytes, randomUUID } from 'node:crypto';

import type pg from 'pg';

/** Ids of the rows a fixture set created for one practice, by table. */
export type FixtureIds = Record<string, string>;

type Fixture = (client: pg.ClientBase, practiceId: string, ids: FixtureIds) => Promise<string>;

const hex = () => randomBytes(4).toString('hex');

async function insert(client: pg.ClientBase, sql: string, values: unknown[]): Promise<string> {
  const result = await client.query<{ id: string }>(sql, values);

  return result.rows[0]!.id;
}

/**
 * One row per tenant table, in dependency order, written with plain parameterized SQL
 * so that the isolation tests exercise Postgres's policies, not any app code. A new
 * tenant table must get a fixture here: the isolation suite fails until it does.
 */
export const TENANT_FIXTURES: [table: string, fixture: Fixture][] = [
  [
    'memberships',
    async (c, practiceId) => {
      const userId = await insert(c, 'SELECT auth.create_user($1, $2, NULL) AS id', [
        `member-${hex()}@example.test`,
        'Member',
      ]);
      await c.query(
        "INSERT INTO memberships (practice_id, user_id, role) VALUES ($1, $2, 'clinician')",
        [practiceId, userId],
      );

      return userId;
    },
  ],
  [
    'referring_clinics',
    (c, practiceId) =>
      insert(c, 'INSERT INTO referring_clinics (practice_id, name) VALUES ($1, $2) RETURNING id', [
        practiceId,
        `Clinic ${hex()}`,
      ]),
  ],
  [
    'referring_vets',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO referring_vets (practice_id, clinic_id, name, email)
         VALUES ($1, $2, 'Dr Vet', $3) RETURNING id`,
        [practiceId, ids.referring_clinics, `vet-${hex()}@example.test`],
      ),
  ],
  [
    'referrals',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO referrals (practice_id, reference, status, urgency, service, patient_name,
           species, owner_name, referring_clinic_id, referring_vet_id, reason)
         VALUES ($1, $2, 'submitted', 'routine', 'Cardiology', 'Biscuit', 'Dog', 'Alex Owner',
           $3, $4, 'Murmur') RETURNING id`,
        [practiceId, `VL-${hex().toUpperCase()}`, ids.referring_clinics, ids.referring_vets],
      ),
  ],
  [
    'referral_status_history',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO referral_status_history (practice_id, referral_id, from_status, to_status,
           actor_type) VALUES ($1, $2, 'draft', 'submitted', 'system') RETURNING id`,
        [practiceId, ids.referrals],
      ),
  ],
  [
    'messages',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO messages (practice_id, referral_id, visibility, author_type, author_name, body)
         VALUES ($1, $2, 'shared', 'system', 'VetLoop', 'Hello') RETURNING id`,
        [practiceId, ids.referrals],
      ),
  ],
  [
    'message_reads',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO message_reads (practice_id, message_id, reader_type, reader_id, referral_id)
         VALUES ($1, $2, 'user', $3, $4) RETURNING message_id AS id`,
        [practiceId, ids.messages, randomUUID(), ids.referrals],
      ),
  ],
  [
    'documents',
    (c, practiceId, ids) => {
      const id = randomUUID();

      return insert(
        c,
        `INSERT INTO documents (practice_id, id, referral_id, visibility, filename, content_type,
           size_bytes, sha256, storage_key, encryption, uploaded_by_type)
         VALUES ($1, $2, $3, 'shared', 'x.pdf', 'application/pdf', 1, $4, $5,
           '{"kid": "k", "wrappedKey": "w", "chunkSize": 65536}', 'system')
         RETURNING id`,
        [practiceId, id, ids.referrals, randomBytes(32), `${practiceId}/${id}`],
      );
    },
  ],
  [
    'audit_events',
    (c, practiceId) =>
      insert(
        c,
        `INSERT INTO audit_events (practice_id, seq, actor_type, action, entity_type)
         VALUES ($1, 1, 'system', 'fixture.created', 'fixture') RETURNING id`,
        [practiceId],
      ),
  ],
  [
    // Heads move only through the chain trigger, so the fixture appends an event.
    'audit_chain_heads',
    (c, practiceId) =>
      insert(
        c,
        `INSERT INTO audit_events (practice_id, seq, actor_type, action, entity_type)
         VALUES ($1, 0, 'system', 'fixture.created', 'fixture') RETURNING practice_id AS id`,
        [practiceId],
      ),
  ],
  [
    'sessions',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO sessions (practice_id, user_id, token_hash, idle_expires_at,
           absolute_expires_at) VALUES ($1, $2, $3, now() + interval '1 hour',
           now() + interval '1 day') RETURNING id`,
        [practiceId, ids.memberships, randomBytes(32)],
      ),
  ],
  [
    'api_keys',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO api_keys (practice_id, name, prefix, secret_hash, role, scopes, created_by,
           expires_at) VALUES ($1, 'Key', $2, $3, 'read_only', '{referral.read}', $4,
           now() + interval '30 days') RETURNING id`,
        [practiceId, randomBytes(4).toString('hex'), randomBytes(32), ids.memberships],
      ),
  ],
  [
    'email_outbox',
    (c, practiceId) =>
      insert(
        c,
        `INSERT INTO email_outbox (practice_id, to_address, subject, body_text, template)
         VALUES ($1, 'vet@example.test', 'Hello', 'Body', 'fixture.sent') RETURNING id`,
        [practiceId],
      ),
  ],
  [
    'intake_links',
    (c, practiceId) =>
      insert(c, 'INSERT INTO intake_links (practice_id, token_hash) VALUES ($1, $2) RETURNING id', [
        practiceId,
        randomBytes(32),
      ]),
  ],
  [
    'referral_links',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO referral_links (practice_id, referral_id, referring_vet_id, email, token_hash,
           expires_at, created_by_type) VALUES ($1, $2, $3, 'vet@example.test', $4,
           now() + interval '30 days', 'system') RETURNING id`,
        [practiceId, ids.referrals, ids.referring_vets, randomBytes(32)],
      ),
  ],
  [
    'guest_sessions',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO guest_sessions (practice_id, link_id, referral_id, expires_at,
           step_up_required) VALUES ($1, $2, $3, now() + interval '30 minutes', false)
         RETURNING id`,
        [practiceId, ids.referral_links, ids.referrals],
      ),
  ],
  [
    'link_document_reads',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO link_document_reads (practice_id, link_id, referral_id, document_id)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [practiceId, ids.referral_links, ids.referrals, ids.documents],
      ),
  ],
  [
    'referral_possible_duplicates',
    async (c, practiceId, ids) => {
      const other = await TENANT_FIXTURES.find(([t]) => t === 'referrals')![1](c, practiceId, ids);
      await c.query(
        `INSERT INTO referral_possible_duplicates (practice_id, referral_id, duplicate_of_id)
         VALUES ($1, $2, $3)`,
        [practiceId, other, ids.referrals],
      );

      return other;
    },
  ],
  [
    'reports',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO reports (practice_id, referral_id, kind, updated_by_type)
         VALUES ($1, $2, 'consult', 'system') RETURNING id`,
        [practiceId, ids.referrals],
      ),
  ],
  [
    'invitations',
    (c, practiceId, ids) =>
      insert(
        c,
        `INSERT INTO invitations (practice_id, email, role, token_hash, invited_by, expires_at)
         VALUES ($1, $2, 'nurse', $3, $4, now() + interval '7 days') RETURNING id`,
        [practiceId, `invitee-${hex()}@example.test`, randomBytes(32), ids.memberships],
      ),
  ],
];

/** Runs every fixture for one practice inside a transaction with that practice set. */
export async function seedTenantRows(
  client: pg.ClientBase,
  practiceId: string,
): Promise<FixtureIds> {
  const ids: FixtureIds = {};
  await client.query('BEGIN');
  await client.query("SELECT set_config('app.practice_id', $1, true)", [practiceId]);
  for (const [table, fixture] of TENANT_FIXTURES) {
    ids[table] = await fixture(client, practiceId, ids);
  }
  await client.query('COMMIT');

  return ids;
}
