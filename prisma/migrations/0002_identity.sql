-- Up Migration
--
-- Identity: server-side sessions, API keys, the mail outbox, and the user-level secrets
-- (MFA, recovery codes, reset tokens, sign-in failure counters).
--
-- Sessions, API keys and outbox rows belong to one practice and follow the tenant rules
-- (practice_id first in the key, forced RLS on the practice). The user-level tables hold
-- secrets that belong to a person, not a practice; the app role has NO privilege on them
-- at all: they are reached only through the narrow SECURITY DEFINER functions below,
-- owned by vetloop_auth, most of which act only on app_current_user_id().

-- Sessions ------------------------------------------------------------------------------

-- A session is for one user in one practice; switching practice replaces it.
CREATE TABLE sessions (
  practice_id          uuid NOT NULL,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id              uuid NOT NULL,
  token_hash           bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  -- The password was right but the second factor is still owed; such a session can only
  -- answer the MFA challenge.
  pending_mfa          boolean NOT NULL DEFAULT false,
  mfa_verified         boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  last_seen_at         timestamptz NOT NULL DEFAULT now(),
  idle_expires_at      timestamptz NOT NULL,
  absolute_expires_at  timestamptz NOT NULL,
  ip                   inet,
  user_agent           text CHECK (length(user_agent) <= 512),
  revoked_at           timestamptz,
  revoked_reason       text CHECK (length(revoked_reason) <= 60),
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, user_id) REFERENCES memberships (practice_id, user_id)
);
CREATE INDEX sessions_user_idx ON sessions (practice_id, user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_user_all_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- API keys ------------------------------------------------------------------------------

CREATE TABLE api_keys (
  practice_id    uuid NOT NULL,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix         text NOT NULL CHECK (prefix ~ '^[a-f0-9]{8}$'),
  secret_hash    bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  role           text NOT NULL
                 CHECK (role IN ('owner', 'admin', 'clinician', 'nurse', 'front_desk', 'read_only')),
  scopes         text[] NOT NULL CHECK (cardinality(scopes) BETWEEN 1 AND 50),
  created_by     uuid NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  last_used_at   timestamptz,
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, created_by) REFERENCES memberships (practice_id, user_id)
);

-- Mail outbox ---------------------------------------------------------------------------

-- Written in the caller's transaction, delivered by the worker. Mail about a person with
-- no practice in hand (password reset, lockout) is filed under one of their practices.
CREATE TABLE email_outbox (
  practice_id      uuid NOT NULL REFERENCES practices (id),
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  to_address       text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  body_text        text NOT NULL CHECK (length(body_text) <= 20000),
  template         text NOT NULL CHECK (template ~ '^[a-z_]+(\.[a-z_]+)*$'),
  status           text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sent', 'captured', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text CHECK (length(last_error) <= 500),
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  PRIMARY KEY (practice_id, id)
);
CREATE INDEX email_outbox_due_idx ON email_outbox (practice_id, next_attempt_at)
  WHERE status = 'pending';

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sessions', 'api_keys', 'email_outbox']
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

GRANT SELECT, INSERT, UPDATE ON sessions, api_keys, email_outbox TO vetloop_app;

-- The definer functions need these before a practice is known.
GRANT SELECT, UPDATE ON sessions, api_keys TO vetloop_auth;
GRANT SELECT ON email_outbox TO vetloop_auth;
CREATE POLICY sessions_auth ON sessions TO vetloop_auth USING (true) WITH CHECK (true);
CREATE POLICY api_keys_auth ON api_keys TO vetloop_auth USING (true) WITH CHECK (true);
CREATE POLICY email_outbox_auth ON email_outbox FOR SELECT TO vetloop_auth USING (true);

-- User-level secrets (no practice; the app role has no privilege here) -------------------

CREATE TABLE user_security (
  user_id                 uuid PRIMARY KEY REFERENCES users (id),
  failed_sign_ins         integer NOT NULL DEFAULT 0,
  last_failed_at          timestamptz,
  locked_until            timestamptz,
  -- AES-256-GCM sealed TOTP secrets (see lib/auth/mfa-crypto.ts); never stored in clear.
  mfa_secret_enc          text,
  mfa_pending_secret_enc  text,
  mfa_enabled_at          timestamptz,
  mfa_last_step           bigint,
  password_changed_at     timestamptz
);

CREATE TABLE user_recovery_codes (
  user_id    uuid NOT NULL REFERENCES users (id),
  code_hash  bytea NOT NULL CHECK (length(code_hash) = 32),
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE password_reset_tokens (
  token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id     uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['user_security', 'user_recovery_codes', 'password_reset_tokens']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, vetloop_app', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO vetloop_auth', t);
    EXECUTE format('CREATE POLICY %I ON %I TO vetloop_auth USING (true) WITH CHECK (true)',
                   t || '_auth', t);
  END LOOP;
END $$;

-- Definer functions ---------------------------------------------------------------------
-- Each is owned by vetloop_auth, pins search_path, and is granted to vetloop_app alone.

-- Sign-in: the account behind an email (or nothing).
CREATE FUNCTION auth.find_user_for_sign_in(p_email text)
  RETURNS TABLE (user_id uuid, name text, email text, password_hash text, status text,
                 mfa_enabled boolean, failed_sign_ins integer, locked_until timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT u.id, u.name, u.email, u.password_hash, u.status,
           s.mfa_enabled_at IS NOT NULL, coalesce(s.failed_sign_ins, 0), s.locked_until
    FROM users u LEFT JOIN user_security s ON s.user_id = u.id
    WHERE u.email = lower(p_email)
  $$;

-- Counts a failure; after p_lock_after failures within p_window the account locks for
-- p_lock_for. Returns the new count and lock.
CREATE FUNCTION auth.record_sign_in_failure(p_user_id uuid, p_lock_after integer,
                                            p_window interval, p_lock_for interval)
  RETURNS TABLE (failed_sign_ins integer, locked_until timestamptz, just_locked boolean)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    v_count integer;
    v_locked timestamptz;
    v_was_locked boolean;
  BEGIN
    INSERT INTO user_security (user_id) VALUES (p_user_id) ON CONFLICT (user_id) DO NOTHING;
    SELECT s.locked_until > now() INTO v_was_locked
      FROM user_security s WHERE s.user_id = p_user_id FOR UPDATE;
    UPDATE user_security s
       SET failed_sign_ins = CASE WHEN s.last_failed_at < now() - p_window THEN 1
                                  ELSE s.failed_sign_ins + 1 END,
           last_failed_at = now()
     WHERE s.user_id = p_user_id
     RETURNING s.failed_sign_ins INTO v_count;
    IF v_count >= p_lock_after AND NOT coalesce(v_was_locked, false) THEN
      UPDATE user_security s SET locked_until = now() + p_lock_for, failed_sign_ins = 0
       WHERE s.user_id = p_user_id RETURNING s.locked_until INTO v_locked;

      RETURN QUERY SELECT v_count, v_locked, true;
      RETURN;
    END IF;
    SELECT s.locked_until INTO v_locked FROM user_security s WHERE s.user_id = p_user_id;

    RETURN QUERY SELECT v_count, v_locked, false;
  END $$;

CREATE FUNCTION auth.record_sign_in_success(p_user_id uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE user_security SET failed_sign_ins = 0, last_failed_at = NULL
    WHERE user_id = p_user_id
  $$;

-- The practices a user may act in (active membership, active user).
CREATE FUNCTION auth.list_memberships(p_user_id uuid)
  RETURNS TABLE (practice_id uuid, practice_name text, role text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT m.practice_id, p.name, m.role
    FROM memberships m
    JOIN practices p ON p.id = m.practice_id
    JOIN users u ON u.id = m.user_id
    WHERE m.user_id = p_user_id AND m.status = 'active' AND u.status = 'active'
    ORDER BY p.name, p.id
  $$;

-- The live session behind a cookie, sliding its idle expiry forward. Nothing when the
-- session is revoked or expired, the user deactivated or the membership gone.
CREATE FUNCTION auth.resolve_session(p_token_hash bytea, p_idle interval)
  RETURNS TABLE (session_id uuid, practice_id uuid, user_id uuid, role text,
                 pending_mfa boolean, user_name text, practice_name text)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE sessions s
       SET last_seen_at = now(),
           idle_expires_at = least(now() + p_idle, s.absolute_expires_at)
      FROM memberships m, users u, practices p
     WHERE s.token_hash = p_token_hash
       AND s.revoked_at IS NULL
       AND s.idle_expires_at > now()
       AND s.absolute_expires_at > now()
       AND m.practice_id = s.practice_id AND m.user_id = s.user_id AND m.status = 'active'
       AND u.id = s.user_id AND u.status = 'active'
       AND p.id = s.practice_id
    RETURNING s.id, s.practice_id, s.user_id, m.role, s.pending_mfa, u.name, p.name
  $$;

-- Ends every live session of the current user (password reset, MFA change elsewhere).
CREATE FUNCTION auth.revoke_user_sessions(p_user_id uuid, p_reason text) RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    WITH r AS (
      UPDATE sessions SET revoked_at = now(), revoked_reason = p_reason
      WHERE user_id = p_user_id AND revoked_at IS NULL RETURNING 1)
    SELECT count(*)::integer FROM r
  $$;

-- MFA: all of these act on app_current_user_id() only, so a caller can change only the
-- signed-in person's factors.
CREATE FUNCTION auth.get_mfa() RETURNS TABLE (secret_enc text, pending_secret_enc text,
                                             enabled boolean, last_step bigint,
                                             recovery_codes_left integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT s.mfa_secret_enc, s.mfa_pending_secret_enc, s.mfa_enabled_at IS NOT NULL,
           s.mfa_last_step,
           (SELECT count(*)::integer FROM user_recovery_codes c
             WHERE c.user_id = s.user_id AND c.used_at IS NULL)
    FROM user_security s WHERE s.user_id = app_current_user_id()
  $$;

CREATE FUNCTION auth.begin_mfa_enrolment(p_pending_secret_enc text) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    INSERT INTO user_security (user_id, mfa_pending_secret_enc)
    VALUES (app_current_user_id(), p_pending_secret_enc)
    ON CONFLICT (user_id) DO UPDATE SET mfa_pending_secret_enc = excluded.mfa_pending_secret_enc
  $$;

-- Promotes the pending secret and replaces the recovery codes.
CREATE FUNCTION auth.complete_mfa_enrolment(p_step bigint, p_code_hashes bytea[])
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    UPDATE user_security
       SET mfa_secret_enc = mfa_pending_secret_enc, mfa_pending_secret_enc = NULL,
           mfa_enabled_at = now(), mfa_last_step = p_step
     WHERE user_id = app_current_user_id() AND mfa_pending_secret_enc IS NOT NULL;
    IF NOT FOUND THEN
      RETURN false;
    END IF;
    DELETE FROM user_recovery_codes WHERE user_id = app_current_user_id();
    INSERT INTO user_recovery_codes (user_id, code_hash)
      SELECT app_current_user_id(), h FROM unnest(p_code_hashes) AS h;

    RETURN true;
  END $$;

CREATE FUNCTION auth.disable_mfa() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE user_security SET mfa_secret_enc = NULL, mfa_pending_secret_enc = NULL,
                             mfa_enabled_at = NULL, mfa_last_step = NULL
    WHERE user_id = app_current_user_id();
    DELETE FROM user_recovery_codes WHERE user_id = app_current_user_id();
  $$;

-- Accepts a TOTP time step once: a code cannot be replayed within its window.
CREATE FUNCTION auth.accept_totp_step(p_step bigint) RETURNS boolean
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    WITH u AS (
      UPDATE user_security SET mfa_last_step = p_step
      WHERE user_id = app_current_user_id() AND mfa_enabled_at IS NOT NULL
        AND (mfa_last_step IS NULL OR mfa_last_step < p_step)
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM u)
  $$;

CREATE FUNCTION auth.use_recovery_code(p_code_hash bytea) RETURNS boolean
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    WITH u AS (
      UPDATE user_recovery_codes SET used_at = now()
      WHERE user_id = app_current_user_id() AND code_hash = p_code_hash AND used_at IS NULL
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM u)
  $$;

-- Password set by the signed-in user themself.
CREATE FUNCTION auth.set_own_password(p_password_hash text) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE users SET password_hash = p_password_hash WHERE id = app_current_user_id();
    INSERT INTO user_security (user_id, password_changed_at) VALUES (app_current_user_id(), now())
    ON CONFLICT (user_id) DO UPDATE SET password_changed_at = now();
  $$;

-- Password reset ------------------------------------------------------------------------

CREATE FUNCTION auth.create_password_reset(p_user_id uuid, p_token_hash bytea,
                                           p_expires_at timestamptz) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    -- One live link per person: a new request invalidates the older ones.
    UPDATE password_reset_tokens SET used_at = now()
    WHERE user_id = p_user_id AND used_at IS NULL;
    INSERT INTO password_reset_tokens (token_hash, user_id, expires_at)
    VALUES (p_token_hash, p_user_id, p_expires_at);
  $$;

-- Is this link usable? (The form is shown only for a live link.)
CREATE FUNCTION auth.check_password_reset(p_token_hash bytea) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT EXISTS (SELECT 1 FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
                   WHERE t.token_hash = p_token_hash AND t.used_at IS NULL
                     AND t.expires_at > now() AND u.status = 'active')
  $$;

-- Spends the link and sets the password in one step; every session of the user ends and
-- the lockout clears. Returns the user, or nothing for a spent, expired or unknown link.
CREATE FUNCTION auth.reset_password(p_token_hash bytea, p_password_hash text)
  RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    v_user uuid;
  BEGIN
    UPDATE password_reset_tokens t SET used_at = now()
      FROM users u
     WHERE t.token_hash = p_token_hash AND t.used_at IS NULL AND t.expires_at > now()
       AND u.id = t.user_id AND u.status = 'active'
    RETURNING t.user_id INTO v_user;
    IF v_user IS NULL THEN
      RETURN NULL;
    END IF;
    UPDATE users SET password_hash = p_password_hash WHERE id = v_user;
    INSERT INTO user_security (user_id, password_changed_at) VALUES (v_user, now())
    ON CONFLICT (user_id) DO UPDATE
      SET password_changed_at = now(), failed_sign_ins = 0, locked_until = NULL;
    UPDATE sessions SET revoked_at = now(), revoked_reason = 'password_reset'
     WHERE user_id = v_user AND revoked_at IS NULL;

    RETURN v_user;
  END $$;

-- API keys and mail ----------------------------------------------------------------------

CREATE FUNCTION auth.find_api_key(p_secret_hash bytea)
  RETURNS TABLE (practice_id uuid, api_key_id uuid, name text, role text, scopes text[])
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE api_keys k SET last_used_at = now()
     WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL AND k.expires_at > now()
    RETURNING k.practice_id, k.id, k.name, k.role, k.scopes
  $$;

-- The worker visits only practices with mail due, then works inside each one.
CREATE FUNCTION auth.practices_with_due_mail() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT DISTINCT practice_id FROM email_outbox
    WHERE status = 'pending' AND next_attempt_at <= now()
  $$;

-- Preflight requests carry no credentials, so CORS asks whether ANY practice allows the
-- origin; the real response then answers only for the caller's own practice.
CREATE FUNCTION auth.is_cors_origin_allowed(p_origin text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT EXISTS (SELECT 1 FROM practices
                   WHERE settings -> 'corsOrigins' ? p_origin)
  $$;

-- The dev outbox page (only when no SMTP is configured and the app listens on loopback).
CREATE FUNCTION auth.list_captured_mail(p_limit integer)
  RETURNS TABLE (id uuid, to_address text, subject text, body_text text, template text,
                 delivered_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT id, to_address, subject, body_text, template, delivered_at FROM email_outbox
    WHERE status = 'captured' ORDER BY delivered_at DESC LIMIT least(p_limit, 200)
  $$;

DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'auth' AND p.proname <> 'create_user'
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO vetloop_auth', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO vetloop_app', f);
  END LOOP;
END $$;

-- Down Migration
DROP FUNCTION auth.find_user_for_sign_in(text), auth.record_sign_in_failure(uuid, integer, interval, interval),
  auth.record_sign_in_success(uuid), auth.list_memberships(uuid), auth.resolve_session(bytea, interval),
  auth.revoke_user_sessions(uuid, text), auth.get_mfa(), auth.begin_mfa_enrolment(text),
  auth.complete_mfa_enrolment(bigint, bytea[]), auth.disable_mfa(), auth.accept_totp_step(bigint),
  auth.use_recovery_code(bytea), auth.set_own_password(text),
  auth.create_password_reset(uuid, bytea, timestamptz), auth.check_password_reset(bytea),
  auth.reset_password(bytea, text), auth.find_api_key(bytea), auth.practices_with_due_mail(),
  auth.is_cors_origin_allowed(text), auth.list_captured_mail(integer);
DROP TABLE password_reset_tokens, user_recovery_codes, user_security, email_outbox, api_keys,
  sessions;
