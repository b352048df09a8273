-- Up Migration
--
-- The staff referral workflow: search indexes for the inbox and read state for messages.

-- Trusted extension, so the database owner may create it without a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Inbox search is ILIKE '%term%' on these names; trigram GIN indexes serve it.
CREATE INDEX referrals_patient_name_trgm ON referrals USING gin (patient_name gin_trgm_ops);
CREATE INDEX referrals_owner_name_trgm ON referrals USING gin (owner_name gin_trgm_ops);
CREATE INDEX referring_vets_name_trgm ON referring_vets USING gin (name gin_trgm_ops);

-- The inbox's default order: emergencies first, then newest. The expression must match
-- lib/referrals/list-referrals.ts exactly for the planner to use this index.
CREATE INDEX referrals_priority_idx ON referrals (
  practice_id,
  (CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END),
  created_at DESC,
  id DESC
);
CREATE INDEX referrals_status_changed_idx ON referrals (practice_id, status_changed_at DESC, id);

-- Who has read which message. Staff read as 'user' (reader_id = user id); the referring
-- vet reads through a guest link ('guest', reader_id = link id). Rows are only inserted.
CREATE TABLE message_reads (
  practice_id   uuid NOT NULL,
  message_id    uuid NOT NULL,
  reader_type   text NOT NULL CHECK (reader_type IN ('user', 'guest')),
  reader_id     uuid NOT NULL,
  referral_id   uuid NOT NULL,
  read_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, message_id, reader_type, reader_id),
  FOREIGN KEY (practice_id, message_id) REFERENCES messages (practice_id, id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id)
);
CREATE INDEX message_reads_reader_idx
  ON message_reads (practice_id, reader_type, reader_id, referral_id);

ALTER TABLE message_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY message_reads_select ON message_reads FOR SELECT
  USING (practice_id = app_current_practice_id());
CREATE POLICY message_reads_insert ON message_reads FOR INSERT
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY message_reads_update ON message_reads FOR UPDATE
  USING (practice_id = app_current_practice_id())
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY message_reads_delete ON message_reads FOR DELETE
  USING (practice_id = app_current_practice_id());

GRANT SELECT, INSERT ON message_reads TO vetloop_app;

-- Down Migration
DROP TABLE message_reads;
DROP INDEX referrals_status_changed_idx, referrals_priority_idx, referring_vets_name_trgm,
  referrals_owner_name_trgm, referrals_patient_name_trgm;
-- pg_trgm stays: other migrations may rely on it, and it holds no data.
