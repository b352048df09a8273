-- Up Migration
--
-- Staff invitations. An admin invites an email with a role; the invitee opens a
-- single-use, expiring link (only its SHA-256 is stored) and sets a password, or, with an
-- existing account, just gains the membership. The link arrives before its practice is
-- known, so it is resolved by one SECURITY DEFINER function in schema auth that returns
-- the invitation's ids and facts only; accepting then happens inside withPractice().

CREATE TABLE invitations (
  practice_id       uuid NOT NULL REFERENCES practices (id),
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  email             text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  role              text NOT NULL
                    CHECK (role IN ('owner', 'admin', 'clinician', 'nurse', 'front_desk', 'read_only')),
  token_hash        bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  invited_by        uuid NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  last_sent_at      timestamptz NOT NULL DEFAULT now(),
  send_count        integer NOT NULL DEFAULT 1 CHECK (send_count BETWEEN 1 AND 100),
  expires_at        timestamptz NOT NULL,
  accepted_at       timestamptz,
  accepted_user_id  uuid,
  revoked_at        timestamptz,
  PRIMARY KEY (practice_id, id),
  FOREIGN KEY (practice_id, invited_by) REFERENCES memberships (practice_id, user_id),
  CHECK (expires_at > created_at),
  CHECK ((accepted_at IS NULL) = (accepted_user_id IS NULL))
);
-- One open invitation per email and practice: inviting again means resending.
CREATE UNIQUE INDEX invitations_open_email_uq ON invitations (practice_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_created_idx ON invitations (practice_id, created_at DESC);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_select ON invitations FOR SELECT
  USING (practice_id = app_current_practice_id());
CREATE POLICY invitations_insert ON invitations FOR INSERT
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY invitations_update ON invitations FOR UPDATE
  USING (practice_id = app_current_practice_id())
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY invitations_delete ON invitations FOR DELETE
  USING (practice_id = app_current_practice_id());

-- Invitations are never deleted: revoked and accepted ones stay as the record.
GRANT SELECT, INSERT, UPDATE ON invitations TO vetloop_app;

GRANT SELECT ON invitations TO vetloop_auth;
CREATE POLICY invitations_auth ON invitations FOR SELECT TO vetloop_auth USING (true);

-- The live invitation behind a link (nothing for an unknown, spent, revoked or expired
-- one), with whether an account already exists for its email.
CREATE FUNCTION auth.find_invitation(p_token_hash bytea)
  RETURNS TABLE (practice_id uuid, invitation_id uuid, email text, role text,
                 practice_name text, expires_at timestamptz, account_exists boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT i.practice_id, i.id, i.email, i.role, p.name, i.expires_at,
           EXISTS (SELECT 1 FROM users u WHERE u.email = i.email)
    FROM invitations i JOIN practices p ON p.id = i.practice_id
    WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL
      AND i.expires_at > now()
  $$;
ALTER FUNCTION auth.find_invitation(bytea) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.find_invitation(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.find_invitation(bytea) TO vetloop_app;

-- Practice security settings, enforced where every request passes --------------------
--
-- auth.resolve_session (0002_identity.sql) is replaced with the same arguments, plus one
-- returned column, so that a practice's settings.security bite on the very next request:
-- the idle timeout (from last activity, so lowering it also ends sessions idle longer
-- than the new limit), the lifetime (from creation, likewise), and require-MFA (a session
-- not verified by a second factor is flagged; the proxy then admits it only to the
-- enrolment page). Malformed or missing settings fall back to the caller's defaults.

-- A whole number within bounds from settings.security, or NULL.
CREATE FUNCTION auth.security_setting_int(p_settings jsonb, p_key text, p_min integer,
                                          p_max integer) RETURNS integer
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
  AS $$
    SELECT CASE WHEN jsonb_typeof(p_settings -> 'security' -> p_key) = 'number'
                 AND (p_settings -> 'security' ->> p_key)::numeric BETWEEN p_min AND p_max
                THEN (p_settings -> 'security' ->> p_key)::numeric::integer END
  $$;

DROP FUNCTION auth.resolve_session(bytea, interval);
CREATE FUNCTION auth.resolve_session(p_token_hash bytea, p_idle interval)
  RETURNS TABLE (session_id uuid, practice_id uuid, user_id uuid, role text,
                 pending_mfa boolean, user_name text, practice_name text,
                 mfa_enrolment_required boolean)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE sessions s
       SET last_seen_at = now(),
           idle_expires_at = least(now() + r.idle, s.absolute_expires_at)
      FROM memberships m, users u, practices p,
           LATERAL (SELECT coalesce(make_interval(mins => auth.security_setting_int(
                                      p.settings, 'sessionIdleMinutes', 5, 240)), p_idle) AS idle,
                           make_interval(hours => auth.security_setting_int(
                                      p.settings, 'sessionLifetimeHours', 1, 12)) AS lifetime,
                           coalesce(p.settings -> 'security' -> 'requireMfa' = 'true'::jsonb,
                                    false) AS require_mfa) r
     WHERE s.token_hash = p_token_hash
       AND s.revoked_at IS NULL
       AND s.idle_expires_at > now()
       AND s.absolute_expires_at > now()
       AND s.last_seen_at + r.idle > now()
       AND (r.lifetime IS NULL OR s.created_at + r.lifetime > now())
       AND m.practice_id = s.practice_id AND m.user_id = s.user_id AND m.status = 'active'
       AND u.id = s.user_id AND u.status = 'active'
       AND p.id = s.practice_id
    RETURNING s.id, s.practice_id, s.user_id, m.role, s.pending_mfa, u.name, p.name,
              r.require_mfa AND NOT s.mfa_verified
  $$;
ALTER FUNCTION auth.resolve_session(bytea, interval) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.resolve_session(bytea, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.resolve_session(bytea, interval) TO vetloop_app;
ALTER FUNCTION auth.security_setting_int(jsonb, text, integer, integer) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.security_setting_int(jsonb, text, integer, integer) FROM PUBLIC;

-- Down Migration
-- The down path restores 0002's resolve_session (no practice rules).
DROP FUNCTION auth.resolve_session(bytea, interval);
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
ALTER FUNCTION auth.resolve_session(bytea, interval) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.resolve_session(bytea, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.resolve_session(bytea, interval) TO vetloop_app;
DROP FUNCTION auth.security_setting_int(jsonb, text, integer, integer);
DROP FUNCTION auth.find_invitation(bytea);
DROP TABLE invitations;
