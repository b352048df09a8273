-- Up Migration
--
-- auth.resolve_session wrote the session row on every request, so every page view and
-- every read of the API ended in a commit that waits for a WAL flush. It now writes only
-- when the last write is over a minute old, or when the idle expiry is less than a minute
-- away (so a short idle or absolute limit still slides exactly). The price: the idle rule
-- sees activity at one-minute granularity, so a session may end up to a minute before its
-- idle timeout, never after it. The checks are 0007's, unchanged.

DROP FUNCTION auth.resolve_session(bytea, interval);
CREATE FUNCTION auth.resolve_session(p_token_hash bytea, p_idle interval)
  RETURNS TABLE (session_id uuid, practice_id uuid, user_id uuid, role text,
                 pending_mfa boolean, user_name text, practice_name text,
                 mfa_enrolment_required boolean)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    found_session record;
  BEGIN
    SELECT s.id, s.practice_id, s.user_id, m.role, s.pending_mfa, u.name AS user_name,
           p.name AS practice_name, r.require_mfa AND NOT s.mfa_verified AS mfa_required,
           r.idle, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at
      INTO found_session
      FROM sessions s, memberships m, users u, practices p,
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
       AND p.id = s.practice_id;
    IF NOT FOUND THEN
      RETURN;
    END IF;

    IF found_session.last_seen_at < now() - interval '1 minute'
       OR found_session.idle_expires_at < now() + interval '1 minute' THEN
      UPDATE sessions
         SET last_seen_at = now(),
             idle_expires_at = least(now() + found_session.idle, found_session.absolute_expires_at)
       WHERE id = found_session.id AND revoked_at IS NULL;
    END IF;

    RETURN QUERY SELECT found_session.id, found_session.practice_id, found_session.user_id,
                        found_session.role, found_session.pending_mfa, found_session.user_name,
                        found_session.practice_name, found_session.mfa_required;
  END
  $$;
ALTER FUNCTION auth.resolve_session(bytea, interval) OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.resolve_session(bytea, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.resolve_session(bytea, interval) TO vetloop_app;

-- Down Migration
-- Restores 0007's resolve_session, which writes on every call.
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
