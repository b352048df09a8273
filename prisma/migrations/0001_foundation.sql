-- Up Migration
--
-- The foundation: practices, staff, memberships and the referral core.
-- Every tenant table carries practice_id, leads its keys with it, and points at its
-- parents through (practice_id, id) so that no row can reference another practice.
-- Row-level security is enabled and FORCED everywhere (the owner obeys it too) and
-- admits only rows of the practice set for the current transaction by withPractice().
-- Roles vetloop_app and vetloop_auth are cluster-wide and made by scripts/db/bootstrap.

CREATE FUNCTION app_current_practice_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.practice_id', true), '')::uuid $$;

CREATE FUNCTION app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE FUNCTION app_touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

-- Practices ---------------------------------------------------------------------------

CREATE TABLE practices (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  timezone    text NOT NULL DEFAULT 'UTC',
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Staff -------------------------------------------------------------------------------

-- A person may work for several practices, so users are not owned by one. A user row
-- is visible to a practice only while it holds a membership there, and to the user.
CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) <= 254),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  password_hash  text,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  practice_id  uuid NOT NULL REFERENCES practices (id),
  user_id      uuid NOT NULL REFERENCES users (id),
  role         text NOT NULL
               CHECK (role IN ('owner', 'admin', 'clinician', 'nurse', 'front_desk', 'read_only')),
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- Referring clinics and vets ---------------------------------------------------------

CREATE TABLE referring_clinics (
  practice_id  uuid NOT NULL REFERENCES practices (id),
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  phone        text CHECK (length(phone) <= 40),
  email        text CHECK (length(email) <= 254),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id)
);
CREATE UNIQUE INDEX referring_clinics_name_uq ON referring_clinics (practice_id, lower(name));

CREATE TABLE referring_vets (
  practice_id  uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  clinic_id    uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email        text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  phone        text CHECK (length(phone) <= 40),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, clinic_id) REFERENCES referring_clinics (practice_id, id)
);
CREATE UNIQUE INDEX referring_vets_email_uq ON referring_vets (practice_id, clinic_id, email);

-- Referrals ---------------------------------------------------------------------------

CREATE TABLE referrals (
  practice_id           uuid NOT NULL REFERENCES practices (id),
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  reference             text NOT NULL CHECK (reference ~ '^[A-Z0-9-]{4,32}$'),
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN (
                          'draft', 'submitted', 'received', 'needs_info', 'accepted',
                          'declined', 'scheduled', 'in_care', 'discharged', 'report_sent',
                          'closed', 'cancelled', 'withdrawn', 'client_declined', 'no_show')),
  urgency               text NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'routine')),
  service               text NOT NULL CHECK (length(service) BETWEEN 1 AND 100),

  patient_name          text NOT NULL CHECK (length(patient_name) BETWEEN 1 AND 120),
  species               text NOT NULL CHECK (length(species) BETWEEN 1 AND 60),
  breed                 text CHECK (length(breed) <= 120),
  sex                   text CHECK (sex IN ('male', 'female', 'male_neutered', 'female_spayed',
                                            'unknown')),
  date_of_birth         date,
  weight_kg             numeric(6, 2) CHECK (weight_kg > 0),

  owner_name            text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 200),
  owner_phone           text CHECK (length(owner_phone) <= 40),
  owner_email           text CHECK (length(owner_email) <= 254),
  owner_consent         boolean NOT NULL DEFAULT false,

  referring_clinic_id   uuid NOT NULL,
  referring_vet_id      uuid NOT NULL,

  reason                text NOT NULL CHECK (length(reason) BETWEEN 1 AND 5000),
  history               text CHECK (length(history) <= 20000),
  medications           text CHECK (length(medications) <= 5000),

  assignee_user_id      uuid,
  decline_reason        text CHECK (length(decline_reason) <= 2000),
  decline_alternative   text CHECK (length(decline_alternative) <= 500),
  scheduled_at          timestamptz,
  scheduled_location    text CHECK (length(scheduled_location) <= 200),

  submitted_at          timestamptz,
  status_changed_at     timestamptz NOT NULL DEFAULT now(),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),

  PRIMARY KEY (practice_id, id),
  UNIQUE (practice_id, reference),
  FOREIGN KEY (practice_id, referring_clinic_id) REFERENCES referring_clinics (practice_id, id),
  FOREIGN KEY (practice_id, referring_vet_id) REFERENCES referring_vets (practice_id, id),
  FOREIGN KEY (practice_id, assignee_user_id) REFERENCES memberships (practice_id, user_id)
);
CREATE INDEX referrals_inbox_idx ON referrals (practice_id, status, urgency, created_at DESC);
CREATE INDEX referrals_created_idx ON referrals (practice_id, created_at DESC, id);
CREATE INDEX referrals_assignee_idx ON referrals (practice_id, assignee_user_id);
CREATE INDEX referrals_clinic_idx ON referrals (practice_id, referring_clinic_id);

CREATE TABLE referral_status_history (
  practice_id   uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id   uuid NOT NULL,
  from_status   text,
  to_status     text NOT NULL,
  note          text CHECK (length(note) <= 2000),
  actor_type    text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'guest', 'system')),
  actor_id      uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id)
);
CREATE INDEX referral_status_history_referral_idx
  ON referral_status_history (practice_id, referral_id, created_at);

CREATE TABLE messages (
  practice_id     uuid NOT NULL,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id     uuid NOT NULL,
  visibility      text NOT NULL CHECK (visibility IN ('shared', 'internal')),
  author_type     text NOT NULL CHECK (author_type IN ('user', 'api_key', 'guest', 'system')),
  author_id       uuid,
  author_name     text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id)
);
CREATE INDEX messages_referral_idx ON messages (practice_id, referral_id, created_at);

-- Document metadata; the bytes live encrypted in the document store.
CREATE TABLE documents (
  practice_id      uuid NOT NULL,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id      uuid NOT NULL,
  kind             text NOT NULL DEFAULT 'record' CHECK (kind IN ('record', 'report', 'image', 'other')),
  visibility       text NOT NULL CHECK (visibility IN ('shared', 'internal')),
  filename         text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type     text NOT NULL CHECK (length(content_type) <= 100),
  size_bytes       bigint NOT NULL CHECK (size_bytes >= 0),
  sha256           bytea NOT NULL CHECK (length(sha256) = 32),
  storage_key      text NOT NULL,
  encryption       jsonb NOT NULL,
  uploaded_by_type text NOT NULL CHECK (uploaded_by_type IN ('user', 'api_key', 'guest', 'system')),
  uploaded_by_id   uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, referral_id) REFERENCES referrals (practice_id, id)
);
CREATE INDEX documents_referral_idx ON documents (practice_id, referral_id, created_at);

-- Audit trail: append-only; the hash chain and its guards are added by 0003_audit.
CREATE TABLE audit_events (
  practice_id   uuid NOT NULL REFERENCES practices (id),
  seq           bigint NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  actor_type    text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'guest', 'system')),
  actor_id      uuid,
  actor_label   text CHECK (length(actor_label) <= 254),
  action        text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  entity_type   text NOT NULL CHECK (length(entity_type) <= 60),
  entity_id     text CHECK (length(entity_id) <= 100),
  changes       jsonb,
  metadata      jsonb,
  request_id    text CHECK (length(request_id) <= 100),
  ip            inet,
  user_agent    text CHECK (length(user_agent) <= 512),
  session_id    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  prev_hash     bytea,
  hash          bytea,
  PRIMARY KEY (practice_id, seq),
  UNIQUE (practice_id, id)
);
CREATE INDEX audit_events_entity_idx ON audit_events (practice_id, entity_type, entity_id, seq);
CREATE INDEX audit_events_created_idx ON audit_events (practice_id, created_at);

-- updated_at ---------------------------------------------------------------------------

CREATE TRIGGER practices_touch BEFORE UPDATE ON practices
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();
CREATE TRIGGER users_touch BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();
CREATE TRIGGER memberships_touch BEFORE UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();
CREATE TRIGGER referring_clinics_touch BEFORE UPDATE ON referring_clinics
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();
CREATE TRIGGER referring_vets_touch BEFORE UPDATE ON referring_vets
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();
CREATE TRIGGER referrals_touch BEFORE UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION app_touch_updated_at();

-- Row-level security -------------------------------------------------------------------

ALTER TABLE practices ENABLE ROW LEVEL SECURITY;
ALTER TABLE practices FORCE ROW LEVEL SECURITY;
CREATE POLICY practices_select ON practices FOR SELECT USING (id = app_current_practice_id());
CREATE POLICY practices_insert ON practices FOR INSERT WITH CHECK (id = app_current_practice_id());
CREATE POLICY practices_update ON practices FOR UPDATE
  USING (id = app_current_practice_id()) WITH CHECK (id = app_current_practice_id());
CREATE POLICY practices_delete ON practices FOR DELETE USING (id = app_current_practice_id());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
-- memberships is itself filtered by practice, so this admits exactly the current
-- practice's members (and the signed-in user, for their own profile).
CREATE POLICY users_select ON users FOR SELECT USING (
  id = app_current_user_id()
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
-- New users are created only by narrow SECURITY DEFINER functions (identity migration).
CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (false);
CREATE POLICY users_update ON users FOR UPDATE
  USING (id = app_current_user_id() OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id))
  WITH CHECK (id = app_current_user_id() OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
CREATE POLICY users_delete ON users FOR DELETE USING (false);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'referring_clinics', 'referring_vets', 'referrals',
                           'referral_status_history', 'messages', 'documents', 'audit_events']
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

-- Before a practice is known ------------------------------------------------------------

-- A few operations must touch users before any practice is set (sign-in, creating the
-- first account for an invitation). They live in schema auth as SECURITY DEFINER
-- functions owned by vetloop_auth, a role that cannot log in and whose policies admit
-- only what those functions need. The app role's own policies are never widened.
CREATE SCHEMA auth AUTHORIZATION vetloop_auth;
REVOKE ALL ON SCHEMA auth FROM PUBLIC;
GRANT USAGE ON SCHEMA auth TO vetloop_app;
GRANT USAGE ON SCHEMA public TO vetloop_auth;
GRANT SELECT, INSERT, UPDATE ON users TO vetloop_auth;
GRANT SELECT ON memberships, practices TO vetloop_auth;
CREATE POLICY users_auth ON users TO vetloop_auth USING (true) WITH CHECK (true);
CREATE POLICY memberships_auth ON memberships FOR SELECT TO vetloop_auth USING (true);
CREATE POLICY practices_auth ON practices FOR SELECT TO vetloop_auth USING (true);

-- Creates a staff account (no membership yet) and returns its id.
CREATE FUNCTION auth.create_user(p_email text, p_name text, p_password_hash text)
  RETURNS uuid LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    INSERT INTO public.users (email, name, password_hash)
    VALUES (lower(p_email), p_name, p_password_hash)
    RETURNING id
  $$;
ALTER FUNCTION auth.create_user(text, text, text) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.create_user(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.create_user(text, text, text) TO vetloop_app;

-- Privileges: the app role reads and writes rows, never DDL or TRUNCATE. --------------

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO vetloop_app;
GRANT SELECT, UPDATE ON practices TO vetloop_app;
GRANT INSERT ON practices TO vetloop_app;
GRANT SELECT, UPDATE ON users TO vetloop_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, referring_clinics, referring_vets, referrals,
  documents TO vetloop_app;
GRANT SELECT, INSERT ON referral_status_history, messages, audit_events TO vetloop_app;
GRANT EXECUTE ON FUNCTION app_current_practice_id(), app_current_user_id() TO vetloop_app;

-- Down Migration
DROP TABLE audit_events, documents, messages, referral_status_history, referrals,
  referring_vets, referring_clinics, memberships, users, practices;
DROP SCHEMA auth CASCADE;
DROP FUNCTION app_touch_updated_at(), app_current_user_id(), app_current_practice_id();
