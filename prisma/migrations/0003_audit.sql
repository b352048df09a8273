-- Up Migration
--
-- The audit trail's guards and its hash chain (audit_events itself is in 0001).
--
-- Append-only: triggers refuse UPDATE, DELETE and TRUNCATE on audit_events for every
-- role, the owner included; the app role is granted only SELECT and INSERT.
--
-- Tamper evidence: each practice has its own chain. The BEFORE INSERT trigger locks the
-- practice's row in audit_chain_heads, so writers of one practice take turns from their
-- first event until commit, and assigns seq = last + 1, prev_hash = last hash,
-- created_at = now() and hash = sha256(canonical form). Whatever the inserter sent for
-- those columns is overwritten. Only READ COMMITTED transactions can write events (the
-- head row must be re-read after the lock is granted); that is Postgres's and Prisma's
-- default.
--
-- Canonical form, version 1 (lib/audit/canonical-event.ts builds the same bytes):
--   'vetloop-audit-v1' followed by one field after another, each written as
--   '~' when NULL, otherwise <UTF-8 byte length> ':' <text> ','  (a netstring),
--   in this order and with these text forms:
--     practice_id::text, seq::text, id::text,
--     to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
--     actor_type, actor_id::text, actor_label, session_id::text, action, entity_type,
--     entity_id, changes::text, metadata::text, request_id, ip::text, user_agent,
--     encode(prev_hash, 'hex')
--   hash = sha256 of those bytes. The first event of a practice has seq 1 and a NULL
--   prev_hash. jsonb's text form is deterministic (keys sorted, one spacing).

CREATE FUNCTION audit_netstring(v text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v IS NULL THEN '~'
                    ELSE octet_length(convert_to(v, 'UTF8'))::text || ':' || v || ',' END $$;

CREATE FUNCTION audit_event_canonical(e audit_events) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT 'vetloop-audit-v1'
    || audit_netstring(e.practice_id::text) || audit_netstring(e.seq::text)
    || audit_netstring(e.id::text)
    || audit_netstring(to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || audit_netstring(e.actor_type) || audit_netstring(e.actor_id::text)
    || audit_netstring(e.actor_label) || audit_netstring(e.session_id::text)
    || audit_netstring(e.action) || audit_netstring(e.entity_type)
    || audit_netstring(e.entity_id) || audit_netstring(e.changes::text)
    || audit_netstring(e.metadata::text) || audit_netstring(e.request_id)
    || audit_netstring(e.ip::text) || audit_netstring(e.user_agent)
    || audit_netstring(encode(e.prev_hash, 'hex')) $$;

-- One row per practice: where its chain ends. Verify also checks the last event against
-- it, so removing the newest events is caught too.
CREATE TABLE audit_chain_heads (
  practice_id  uuid PRIMARY KEY REFERENCES practices (id),
  last_seq     bigint NOT NULL CHECK (last_seq >= 0),
  last_hash    bytea CHECK (length(last_hash) = 32),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_heads_select ON audit_chain_heads FOR SELECT
  USING (practice_id = app_current_practice_id());
CREATE POLICY audit_chain_heads_insert ON audit_chain_heads FOR INSERT
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY audit_chain_heads_update ON audit_chain_heads FOR UPDATE
  USING (practice_id = app_current_practice_id())
  WITH CHECK (practice_id = app_current_practice_id());
CREATE POLICY audit_chain_heads_delete ON audit_chain_heads FOR DELETE
  USING (practice_id = app_current_practice_id());

-- Runs as the owner (SECURITY DEFINER) so the app role needs no write grant on the heads;
-- the owner obeys the heads' forced RLS, so only the current practice's head is reachable.
CREATE FUNCTION audit_events_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  head audit_chain_heads%ROWTYPE;
BEGIN
  IF NEW.practice_id IS DISTINCT FROM app_current_practice_id() THEN
    RAISE EXCEPTION 'audit event for a practice other than the current one'
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  SELECT * INTO head FROM audit_chain_heads WHERE practice_id = NEW.practice_id FOR UPDATE;
  IF NOT FOUND THEN
    -- The practice's first event; a concurrent first writer may win the insert.
    INSERT INTO audit_chain_heads (practice_id, last_seq, last_hash)
      VALUES (NEW.practice_id, 0, NULL) ON CONFLICT (practice_id) DO NOTHING;
    SELECT * INTO STRICT head FROM audit_chain_heads
      WHERE practice_id = NEW.practice_id FOR UPDATE;
  END IF;

  NEW.seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.created_at := now();
  NEW.hash := sha256(convert_to(audit_event_canonical(NEW), 'UTF8'));

  UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash, updated_at = now()
    WHERE practice_id = NEW.practice_id;

  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION audit_events_chain() FROM PUBLIC;

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

CREATE FUNCTION audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A head moves only inside audit_events_chain (trigger depth 2), never by a direct write.
CREATE FUNCTION audit_chain_heads_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_heads moves only with the chain: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_chain_heads_guard BEFORE UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_guard();
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_heads_guard();

-- Filters of the admin page; each ends in seq for keyset pagination newest first.
CREATE INDEX audit_events_actor_idx ON audit_events (practice_id, actor_id, seq);
CREATE INDEX audit_events_action_idx ON audit_events (practice_id, action, seq);

-- audit:verify runs as the owner, which forced RLS keeps from listing practices; this
-- narrow function (vetloop_auth may read practices) names them so verify can set each
-- practice in turn. Not granted to the app role.
CREATE FUNCTION auth.audit_practice_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT id FROM public.practices ORDER BY id $$;
ALTER FUNCTION auth.audit_practice_ids() OWNER TO vetloop_auth;
REVOKE ALL ON FUNCTION auth.audit_practice_ids() FROM PUBLIC;

GRANT SELECT ON audit_chain_heads TO vetloop_app;
GRANT EXECUTE ON FUNCTION audit_netstring(text), audit_event_canonical(audit_events)
  TO vetloop_app;

-- Down Migration
DROP FUNCTION auth.audit_practice_ids();
DROP INDEX audit_events_action_idx, audit_events_actor_idx;
DROP TRIGGER audit_events_no_truncate ON audit_events;
DROP TRIGGER audit_events_append_only ON audit_events;
DROP TRIGGER audit_events_chain ON audit_events;
DROP TABLE audit_chain_heads;
DROP FUNCTION audit_chain_heads_guard(), audit_refuse_change(), audit_events_chain(),
  audit_event_canonical(audit_events), audit_netstring(text);
