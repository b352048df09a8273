-- Up Migration
--
-- Referring vets without accounts: a practice's public intake links, private tracking
-- links (one per referral and person), the guest sessions they open, what guests have
-- read, and possible duplicates flagged at intake. Only SHA-256 digests of link tokens
-- and step-up codes are stored. A token arrives before its practice is known, so it is
-- resolved by two SECURITY DEFINER functions in schema auth that return ids only; all
-- else happens inside withPractice() under the usual policies.

CREATE TABLE intake_links (
  practice_id  uuid NOT NULL REFERENCES practices (id),
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  -- NULL is the practice's general link; a service name narrows the form to it.
  service      text CHECK (length(service) BETWEEN 1 AND 100),
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  PRIMARY KEY (practice_id, id)
);
-- One live link per practice and service: rotating revokes the old one first.
CREATE UNIQUE INDEX intake_links_live_uq ON intake_links (practice_id, coalesce(service, ''))
  WHERE revoked_at IS NULL;

CREATE TABLE referral_links (
  practice_id       uuid NOT NULL,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id       uuid NOT NULL,
  referring_vet_id  uuid NOT NULL,
  email             text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  token_hash        bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  expires_at        timestamptz NOT NULL,
  revoked_at        timestamptz,
  created_by_type   text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'guest', 'system')),
  created_by_id     uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  last_used_at      timestamptz,
  PRIMARY KEY (practice_id, id),
  UNIQUE (practice_id, id, referral_id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id),
  FOREIGN KEY (practice_id, referring_vet_id) REFERENCES referring_vets (practice_id, id),
  CHECK (expires_at > created_at)
);
CREATE INDEX referral_links_referral_idx ON referral_links (practice_id, referral_id, created_at);

-- A guest session is bound to one link AND its referral: the composite key makes a
-- session for referral X through a link of referral Y impossible to store.
CREATE TABLE guest_sessions (
  practice_id          uuid NOT NULL,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  link_id              uuid NOT NULL,
  referral_id          uuid NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  last_seen_at         timestamptz NOT NULL DEFAULT now(),
  expires_at           timestamptz NOT NULL,
  revoked_at           timestamptz,
  step_up_required     boolean NOT NULL,
  step_up_verified_at  timestamptz,
  code_hash            bytea CHECK (length(code_hash) = 32),
  code_expires_at      timestamptz,
  code_attempts        integer NOT NULL DEFAULT 0 CHECK (code_attempts BETWEEN 0 AND 100),
  ip                   inet,
  user_agent           text CHECK (length(user_agent) <= 512),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, link_id, referral_id)
    REFERENCES referral_links (practice_id, id, referral_id)
);
CREATE INDEX guest_sessions_link_idx ON guest_sessions (practice_id, link_id);

-- Read receipts: which link opened which shared document, and when.
CREATE TABLE link_document_reads (
  practice_id  uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  link_id      uuid NOT NULL,
  referral_id  uuid NOT NULL,
  document_id  uuid NOT NULL,
  read_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, link_id, referral_id)
    REFERENCES referral_links (practice_id, id, referral_id),
  FOREIGN KEY (practice_id, document_id) REFERENCES documents (practice_id, id)
);
CREATE INDEX link_document_reads_referral_idx
  ON link_document_reads (practice_id, referral_id, read_at);

-- Shown to staff, never merged automatically.
CREATE TABLE referral_possible_duplicates (
  practice_id      uuid NOT NULL,
  referral_id      uuid NOT NULL,
  duplicate_of_id  uuid NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, referral_id, duplicate_of_id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id),
  FOREIGN KEY (practice_id, duplicate_of_id) REFERENCES referrals (practice_id, id),
  CHECK (referral_id <> duplicate_of_id)
);

-- Intake duplicate detection looks up recent referrals by patient name and clinic.
CREATE INDEX referrals_duplicate_idx
  ON referrals (practice_id, referring_clinic_id, lower(patient_name), created_at);

-- Row-level security ---------------------------------------------------------------------

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['intake_links', 'referral_links', 'guest_sessions',
                           'link_document_reads', 'referral_possible_duplicates']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (practice_id = app_current_practice_id())',
                   t || '_select', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (practice_id = app_current_practice_id())',
                   t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (practice_id = app_current_practice_id()) '
                   'WITH CHECK (practice_id = app_current_practice_id())', t || '_update', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE USING (practice_id = app_current_practice_id())',
                   t || '_delete', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON intake_links, referral_links, guest_sessions TO vetloop_app;
GRANT SELECT, INSERT ON link_document_reads, referral_possible_duplicates TO vetloop_app;

-- Before a practice is known ---------------------------------------------------------------

GRANT SELECT ON intake_links, referral_links TO vetloop_auth;
CREATE POLICY intake_links_auth ON intake_links FOR SELECT TO vetloop_auth USING (true);
CREATE POLICY referral_links_auth ON referral_links FOR SELECT TO vetloop_auth USING (true);

-- The live intake link for a token digest, with what the public form may show.
CREATE FUNCTION auth.resolve_intake_link(p_token_hash bytea)
  RETURNS TABLE (practice_id uuid, link_id uuid, service text, practice_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT l.practice_id, l.id, l.service, p.name
      FROM intake_links l JOIN practices p ON p.id = l.practice_id
     WHERE l.token_hash = p_token_hash AND l.revoked_at IS NULL
  $$;

-- Which practice and link a tracking token digest belongs to; the caller then checks
-- expiry and revocation inside that practice (and records what it refused).
CREATE FUNCTION auth.resolve_referral_link(p_token_hash bytea)
  RETURNS TABLE (practice_id uuid, link_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT l.practice_id, l.id FROM referral_links l WHERE l.token_hash = p_token_hash
  $$;

ALTER FUNCTION auth.resolve_intake_link(bytea) OWNER TO vetloop_auth;
ALTER FUNCTION auth.resolve_referral_link(bytea) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.resolve_intake_link(bytea), auth.resolve_referral_link(bytea)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.resolve_intake_link(bytea), auth.resolve_referral_link(bytea)
  TO vetloop_app;

-- Down Migration
DROP FUNCTION auth.resolve_referral_link(bytea), auth.resolve_intake_link(bytea);
DROP INDEX referrals_duplicate_idx;
DROP TABLE referral_possible_duplicates, link_document_reads, guest_sessions, referral_links,
  intake_links;
