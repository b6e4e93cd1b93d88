import { type Kysely, sql } from 'kysely';

/*
 * Frozen: a migration that has run somewhere never changes. The closed sets below are copied, not
 * imported from core, so a later change to core needs a new migration (a unit test compares them).
 */
export const RUN_STATES_0001 = ['pending', 'accepted', 'in_progress', 'done', 'failed', 'cancelled'] as const;
export const EVENT_ACTORS_0001 = ['user', 'agent', 'system', 'plugin'] as const;

const GENESIS = '0'.repeat(64);
const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

// CREATE ROLE is cluster-wide, so migrations of several databases in one cluster can race on it:
// the loser sees duplicate_object, or unique_violation when it blocked on the winner's insert.
// A non-superuser owner is made a member so it can `SET ROLE palyra_app`.
const CREATE_APP_ROLE = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'palyra_app') THEN
    BEGIN
      CREATE ROLE palyra_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'palyra_app', 'MEMBER') THEN
    EXECUTE format('GRANT palyra_app TO %I', current_user);
  END IF;
END
$$;`;

const TABLES = `
CREATE TABLE tenants (
  tenant_id text PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  display_name text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  tenant_id text NOT NULL REFERENCES tenants (tenant_id),
  session_id text NOT NULL,
  session_key text NOT NULL CHECK (session_key <> ''),
  session_label text NOT NULL DEFAULT '',
  principal text NOT NULL,
  device_id text NOT NULL,
  channel text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_run_id text NULL,
  archived_at timestamptz NULL,
  chain_length bigint NOT NULL DEFAULT 0 CHECK (chain_length >= 0),
  chain_head_hash text NOT NULL DEFAULT '${GENESIS}',
  chain_head_recorded_at_us bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, session_id),
  -- Session ids are globally unique, so the journal's per-session constraints cannot collide across tenants.
  CONSTRAINT sessions_session_id_key UNIQUE (session_id),
  CONSTRAINT sessions_session_key_key UNIQUE (tenant_id, session_key)
);
CREATE INDEX sessions_identity_idx ON sessions (tenant_id, principal, device_id, channel, session_key);

CREATE TABLE runs (
  tenant_id text NOT NULL,
  run_id text NOT NULL,
  session_id text NOT NULL,
  principal text NOT NULL,
  device_id text NOT NULL,
  channel text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'pending' CHECK (state IN (${list(RUN_STATES_0001)})),
  cancel_requested boolean NOT NULL DEFAULT false,
  cancel_reason text NULL,
  cancel_requested_by text NULL,
  failure_reason text NULL,
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz NULL,
  finished_at timestamptz NULL,
  PRIMARY KEY (tenant_id, run_id),
  CONSTRAINT runs_run_id_key UNIQUE (run_id),
  -- Serves listBySession and lets journal_events reference (session, run) pairs.
  CONSTRAINT runs_session_run_key UNIQUE (tenant_id, session_id, run_id),
  CONSTRAINT runs_session_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, session_id)
);

CREATE TABLE journal_events (
  tenant_id text NOT NULL,
  session_id text NOT NULL,
  chain_seq bigint NOT NULL CHECK (chain_seq >= 1),
  event_id text NOT NULL,
  run_id text NULL,
  run_seq bigint NULL CHECK (run_seq >= 1),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
  actor text NOT NULL CHECK (actor IN (${list(EVENT_ACTORS_0001)})),
  -- Canonical JSON exactly as hashed; jsonb would normalize it and reject \\u0000.
  payload text NOT NULL,
  redacted boolean NOT NULL,
  recorded_at_us bigint NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (tenant_id, session_id, chain_seq),
  CONSTRAINT journal_events_chain_seq_key UNIQUE (session_id, chain_seq),
  -- Two events can never extend the same link: a fork cannot be written.
  CONSTRAINT journal_events_prev_hash_key UNIQUE (session_id, prev_hash),
  CONSTRAINT journal_events_event_id_key UNIQUE (tenant_id, event_id),
  CONSTRAINT journal_events_run_seq_needs_run CHECK (run_seq IS NULL OR run_id IS NOT NULL),
  CONSTRAINT journal_events_session_fkey FOREIGN KEY (tenant_id, session_id)
    REFERENCES sessions (tenant_id, session_id),
  CONSTRAINT journal_events_run_fkey FOREIGN KEY (tenant_id, session_id, run_id)
    REFERENCES runs (tenant_id, session_id, run_id)
);
-- Two workers can never write the same seq of a run (a zombie worker cannot fork a run's stream).
CREATE UNIQUE INDEX journal_events_run_seq_key ON journal_events (run_id, run_seq) WHERE run_seq IS NOT NULL;
CREATE INDEX journal_events_recent_idx ON journal_events (tenant_id, recorded_at_us DESC);

CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL REFERENCES tenants (tenant_id),
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, scope, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (tenant_id, expires_at);
`;

// Statement-level, so even an UPDATE or DELETE that matches no row (e.g. an owner filtered by RLS)
// fails loudly. ENABLE ALWAYS keeps it active under session_replication_role = replica.
const APPEND_ONLY = `
CREATE FUNCTION palyra_reject_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal_events is append-only: % rejected', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER journal_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_events
  FOR EACH STATEMENT EXECUTE FUNCTION palyra_reject_journal_change();
ALTER TABLE journal_events ENABLE ALWAYS TRIGGER journal_events_append_only;
`;

const TENANT_TABLES = ['tenants', 'sessions', 'runs', 'journal_events', 'idempotency_keys'] as const;

// FORCE applies the policies to the table owner too; only superusers and BYPASSRLS roles skip them.
const ROW_LEVEL_SECURITY = TENANT_TABLES.map(
  (table) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant_isolation ON ${table}
  USING (tenant_id = current_setting('palyra.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('palyra.tenant_id', true));`,
).join('\n');

// Operators (listing tenants) read the tenants table across tenants; nothing else crosses tenants.
const OPERATOR_POLICY = `
CREATE POLICY tenants_operator_read ON tenants FOR SELECT
  USING (current_setting('palyra.operator', true) = 'on');`;

// Exactly what the services need: the journal gets no UPDATE, DELETE or TRUNCATE.
const GRANTS = `
GRANT USAGE ON SCHEMA public TO palyra_app;
GRANT SELECT, INSERT, UPDATE ON tenants, sessions, runs TO palyra_app;
GRANT SELECT, INSERT ON journal_events TO palyra_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO palyra_app;
GRANT SELECT ON kysely_migration TO palyra_app;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(CREATE_APP_ROLE).execute(db);
  await sql.raw(TABLES).execute(db);
  await sql.raw(APPEND_ONLY).execute(db);
  await sql.raw(ROW_LEVEL_SECURITY).execute(db);
  await sql.raw(OPERATOR_POLICY).execute(db);
  await sql.raw(GRANTS).execute(db);
}
