import { type Kysely, sql } from 'kysely';

/*
 * Frozen: a migration that has run somewhere never changes. The agent registry, tool approvals and
 * their remembered grants, API keys, the usage ledger (with run totals) and the shared rate-limit
 * counters. The closed sets are copied here, not imported, like 0001's.
 */
export const APPROVAL_DECISIONS_0003 = ['allow', 'deny', 'timeout', 'error'] as const;
export const APPROVAL_SCOPES_0003 = ['once', 'session', 'timeboxed'] as const;

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

const AGENTS = `
CREATE TABLE agents (
  tenant_id text NOT NULL REFERENCES tenants (tenant_id),
  -- The gateway normalises ids; the check keeps a bypassing writer from storing anything else.
  agent_id text NOT NULL CHECK (agent_id ~ '^[a-z0-9._-]{1,64}$'),
  display_name text NOT NULL,
  agent_dir text NOT NULL DEFAULT '',
  workspace_roots text[] NOT NULL DEFAULT '{}',
  model_profile text NOT NULL DEFAULT '',
  system_prompt text NOT NULL DEFAULT '',
  tool_allowlist text[] NOT NULL DEFAULT '{}',
  skill_allowlist text[] NOT NULL DEFAULT '{}',
  execution_backend_preference text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agent_id)
);

-- The default agent lives in its own table rather than on tenants: the tenants policies admit
-- operators (read, status changes), and the default is tenant data they have no business writing.
-- The foreign key keeps it pointing at an existing agent; the repository moves it before a delete.
CREATE TABLE agent_defaults (
  tenant_id text NOT NULL REFERENCES tenants (tenant_id),
  agent_id text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id),
  CONSTRAINT agent_defaults_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, agent_id)
);

-- '' stands for an absent channel or session, so the key is a plain primary key (NULLs would not collide).
CREATE TABLE agent_bindings (
  tenant_id text NOT NULL,
  principal text NOT NULL CHECK (principal <> ''),
  channel text NOT NULL DEFAULT '',
  session_id text NOT NULL DEFAULT '',
  agent_id text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, principal, channel, session_id),
  CONSTRAINT agent_bindings_agent_fkey FOREIGN KEY (tenant_id, agent_id)
    REFERENCES agents (tenant_id, agent_id) ON DELETE CASCADE
);
CREATE INDEX agent_bindings_agent_idx ON agent_bindings (tenant_id, agent_id);
`;

const APPROVALS = `
CREATE TABLE approvals (
  tenant_id text NOT NULL,
  approval_id text NOT NULL,
  session_id text NOT NULL,
  run_id text NOT NULL,
  proposal_id text NOT NULL CHECK (proposal_id <> ''),
  principal text NOT NULL,
  device_id text NOT NULL,
  channel text NOT NULL DEFAULT '',
  subject_type text NOT NULL CHECK (subject_type <> ''),
  subject_id text NOT NULL CHECK (subject_id <> ''),
  request_summary text NOT NULL DEFAULT '',
  prompt jsonb NOT NULL,
  policy_id text NOT NULL DEFAULT '',
  policy_hash text NOT NULL DEFAULT '',
  policy_summary text NOT NULL DEFAULT '',
  requested_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decision text NULL CHECK (decision IN (${list(APPROVAL_DECISIONS_0003)})),
  decision_scope text NULL CHECK (decision_scope IN (${list(APPROVAL_SCOPES_0003)})),
  decision_scope_ttl_ms bigint NOT NULL DEFAULT 0 CHECK (decision_scope_ttl_ms >= 0),
  decision_reason text NOT NULL DEFAULT '',
  decided_by text NOT NULL DEFAULT '',
  resolved_at timestamptz NULL,
  PRIMARY KEY (tenant_id, approval_id),
  -- A redelivered run asks again for the same proposal: it must find the first request.
  CONSTRAINT approvals_proposal_key UNIQUE (tenant_id, run_id, proposal_id),
  CONSTRAINT approvals_run_fkey FOREIGN KEY (tenant_id, session_id, run_id)
    REFERENCES runs (tenant_id, session_id, run_id),
  -- A decision is all or nothing: value, scope and time together.
  CONSTRAINT approvals_decision_complete CHECK (
    (decision IS NULL) = (decision_scope IS NULL) AND (decision IS NULL) = (resolved_at IS NULL)
  )
);
CREATE INDEX approvals_requested_idx ON approvals (tenant_id, requested_at DESC, approval_id DESC);
CREATE INDEX approvals_session_idx ON approvals (tenant_id, session_id, approval_id DESC);
CREATE INDEX approvals_pending_idx ON approvals (tenant_id, approval_id DESC) WHERE decision IS NULL;

CREATE TABLE approval_grants (
  tenant_id text NOT NULL,
  session_id text NOT NULL,
  subject_id text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('session', 'timeboxed')),
  expires_at timestamptz NULL,
  approval_id text NOT NULL,
  granted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, session_id, subject_id),
  CONSTRAINT approval_grants_expiry CHECK ((scope = 'timeboxed') = (expires_at IS NOT NULL)),
  CONSTRAINT approval_grants_session_fkey FOREIGN KEY (tenant_id, session_id)
    REFERENCES sessions (tenant_id, session_id),
  CONSTRAINT approval_grants_approval_fkey FOREIGN KEY (tenant_id, approval_id)
    REFERENCES approvals (tenant_id, approval_id)
);
`;

const API_KEYS = `
CREATE TABLE api_keys (
  tenant_id text NOT NULL REFERENCES tenants (tenant_id),
  key_id text NOT NULL CHECK (key_id <> ''),
  name text NOT NULL DEFAULT '',
  principal text NOT NULL CHECK (principal <> ''),
  roles text[] NOT NULL DEFAULT '{}',
  -- sha256 hex of the secret; the secret itself is never stored.
  secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NULL,
  revoked_at timestamptz NULL,
  PRIMARY KEY (tenant_id, key_id),
  CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash)
);
`;

const USAGE = `
ALTER TABLE runs
  ADD COLUMN prompt_tokens bigint NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
  ADD COLUMN completion_tokens bigint NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
  ADD COLUMN model_calls bigint NOT NULL DEFAULT 0 CHECK (model_calls >= 0);

CREATE TABLE usage_ledger (
  tenant_id text NOT NULL,
  run_id text NOT NULL,
  call_index integer NOT NULL CHECK (call_index >= 0),
  turn integer NOT NULL CHECK (turn >= 0),
  provider text NOT NULL,
  model text NOT NULL,
  prompt_tokens bigint NOT NULL CHECK (prompt_tokens >= 0),
  completion_tokens bigint NOT NULL CHECK (completion_tokens >= 0),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- One row per model call: a redelivered run records the same call index again and adds nothing.
  PRIMARY KEY (tenant_id, run_id, call_index),
  CONSTRAINT usage_ledger_run_fkey FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, run_id)
);
CREATE INDEX usage_ledger_recorded_idx ON usage_ledger (tenant_id, recorded_at);
`;

// Not tenant data: a bucket may be per IP before any tenant is known, or per tenant. window_ms is
// part of the key so one bucket key with two window lengths never shares a counter; window_end
// is stored for the sweep.
const RATE_LIMITS = `
CREATE TABLE rate_limit_counters (
  bucket_key text NOT NULL CHECK (bucket_key <> ''),
  window_ms integer NOT NULL CHECK (window_ms > 0),
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  count bigint NOT NULL CHECK (count >= 1),
  PRIMARY KEY (bucket_key, window_ms, window_start)
);
CREATE INDEX rate_limit_counters_end_idx ON rate_limit_counters (window_end);
`;

const TENANT_TABLES = [
  'agents',
  'agent_defaults',
  'agent_bindings',
  'approvals',
  'approval_grants',
  'api_keys',
  'usage_ledger',
] as const;

// Same policy as 0001: FORCE applies it to the owner too; only superusers and BYPASSRLS skip it.
const ROW_LEVEL_SECURITY = TENANT_TABLES.map(
  (table) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant_isolation ON ${table}
  USING (tenant_id = current_setting('palyra.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('palyra.tenant_id', true));`,
).join('\n');

// RLS stays on so "every table has row-level security" remains a checkable invariant, but the
// counters belong to no tenant (per-IP buckets are hit before authentication), so the policy
// admits every row: the bucket key is the isolation, and it holds no tenant data.
const SHARED_POLICY = `
ALTER TABLE rate_limit_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_limit_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY rate_limit_counters_shared ON rate_limit_counters USING (true) WITH CHECK (true);`;

// Suspending a tenant is an operator action (withOperator); 0001 only let operators read tenants.
const OPERATOR_POLICY = `
CREATE POLICY tenants_operator_update ON tenants FOR UPDATE
  USING (current_setting('palyra.operator', true) = 'on')
  WITH CHECK (current_setting('palyra.operator', true) = 'on');`;

// Exactly what the repositories need: the usage ledger is append-only, approvals are never deleted.
const GRANTS = `
GRANT SELECT, INSERT, UPDATE, DELETE ON agents, agent_defaults, agent_bindings TO palyra_app;
GRANT SELECT, INSERT, UPDATE ON approvals, approval_grants, api_keys TO palyra_app;
GRANT SELECT, INSERT ON usage_ledger TO palyra_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_counters TO palyra_app;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(AGENTS).execute(db);
  await sql.raw(APPROVALS).execute(db);
  await sql.raw(API_KEYS).execute(db);
  await sql.raw(USAGE).execute(db);
  await sql.raw(RATE_LIMITS).execute(db);
  await sql.raw(ROW_LEVEL_SECURITY).execute(db);
  await sql.raw(SHARED_POLICY).execute(db);
  await sql.raw(OPERATOR_POLICY).execute(db);
  await sql.raw(GRANTS).execute(db);
}
