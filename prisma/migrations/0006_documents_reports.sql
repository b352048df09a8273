-- Up Migration
--
-- Documents (extending the foundation's table) and consult/discharge reports.
-- Bodies are sealed outside the database (lib/documents/crypto.ts); a row holds the
-- wrapped data key, the plaintext SHA-256 and where the sealed body lives.

ALTER TABLE documents
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT documents_size_limit CHECK (size_bytes <= 26214400),
  ADD CONSTRAINT documents_content_type_known CHECK (content_type IN (
    'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff',
    'application/dicom', 'text/plain')),
  ADD CONSTRAINT documents_encryption_shape CHECK (
    encryption ? 'kid' AND encryption ? 'wrappedKey' AND encryption ? 'chunkSize'),
  ADD CONSTRAINT documents_storage_key_shape CHECK (
    storage_key = practice_id::text || '/' || id::text);

CREATE TRIGGER documents_touch BEFORE UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();

-- Re-wrapping after a master key rotation looks for rows still under an old key.
CREATE INDEX documents_kid_idx ON documents (practice_id, (encryption ->> 'kid'), id);

CREATE TABLE reports (
  practice_id      uuid NOT NULL,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id      uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('consult', 'discharge')),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
  findings         text NOT NULL DEFAULT '' CHECK (length(findings) <= 20000),
  diagnosis        text NOT NULL DEFAULT '' CHECK (length(diagnosis) <= 5000),
  treatment        text NOT NULL DEFAULT '' CHECK (length(treatment) <= 20000),
  recommendations  text NOT NULL DEFAULT '' CHECK (length(recommendations) <= 20000),
  document_id      uuid,
  updated_by_type  text NOT NULL CHECK (updated_by_type IN ('user', 'api_key', 'guest', 'system')),
  updated_by_id    uuid,
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id),
  FOREIGN KEY (practice_id, document_id) REFERENCES documents (practice_id, id),
  CHECK (status = 'draft' OR (document_id IS NOT NULL AND sent_at IS NOT NULL))
);
-- One open draft per referral and kind; sent reports stay as they were sent.
CREATE UNIQUE INDEX reports_one_draft_uq ON reports (practice_id, referral_id, kind)
  WHERE status = 'draft';
CREATE INDEX reports_referral_idx ON reports (practice_id, referral_id, created_at);

CREATE TRIGGER reports_touch BEFORE UPDATE ON reports
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY reports_select ON reports FOR SELECT USING (practice_id = app_current_practice_id());
CREATE POLICY reports_insert ON reports FOR INSERT
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY reports_update ON reports FOR UPDATE
  USING (practice_id = app_current_practice_id()) WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY reports_delete ON reports FOR DELETE USING (practice_id = app_current_practice_id());

GRANT SELECT, INSERT, UPDATE ON reports TO vetloop_app;

-- The key re-wrap job must visit every practice. Only the owner role (a member of
-- vetloop_auth) may list them; the app role gets no way to enumerate tenants.
CREATE FUNCTION auth.document_practice_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT id FROM public.practices ORDER BY id $$;
ALTER FUNCTION auth.document_practice_ids() OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.document_practice_ids() FROM PUBLIC;

-- Down Migration
DROP FUNCTION auth.document_practice_ids();
DROP TABLE reports;
DROP INDEX documents_kid_idx;
DROP TRIGGER documents_touch ON documents;
ALTER TABLE documents
  DROP CONSTRAINT documents_storage_key_shape,
  DROP CONSTRAINT documents_encryption_shape,
  DROP CONSTRAINT documents_content_type_known,
  DROP CONSTRAINT documents_size_limit,
  DROP COLUMN updated_at;
