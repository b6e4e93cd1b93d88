import type { ColumnType, Generated } from 'kysely';

/**
 * Postgres `bigint` columns. `pg` returns them as strings and PGlite as numbers, so reads go through
 * `toSafeInteger`; writes accept either.
 */
export type Int8 = ColumnType<string | number | bigint, number | string, number | string>;
export type Int8Generated = ColumnType<
  string | number | bigint,
  number | string | undefined,
  number | string
>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface TenantsTable {
  tenant_id: string;
  display_name: Generated<string>;
  status: Generated<'active' | 'suspended'>;
  created_at: Timestamp;
}

export interface SessionsTable {
  tenant_id: string;
  session_id: string;
  session_key: string;
  session_label: Generated<string>;
  principal: string;
  device_id: string;
  channel: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_run_id: string | null;
  archived_at: NullableTimestamp;
  /** Number of events in the session's chain: the head event's chain_seq. */
  chain_length: Int8Generated;
  /** Hash of the head event, or GENESIS_HASH while the chain is empty. */
  chain_head_hash: Generated<string>;
  /** recorded_at_us of the head event (0 while empty): the floor of the chain's clock. */
  chain_head_recorded_at_us: Int8Generated;
}

export interface RunsTable {
  tenant_id: string;
  run_id: string;
  session_id: string;
  principal: string;
  device_id: string;
  channel: Generated<string>;
  state: Generated<string>;
  cancel_requested: Generated<boolean>;
  cancel_reason: string | null;
  cancel_requested_by: string | null;
  failure_reason: string | null;
  /** Highest run seq journaled for this run (0 before the first streamed event). */
  last_seq: Int8Generated;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** Set once when the client half-closes: the run ends after its current turn. */
  input_closed_at: NullableTimestamp;
  /** Totals of the run's usage_ledger rows, raised in the transaction that inserts each row. */
  prompt_tokens: Int8Generated;
  completion_tokens: Int8Generated;
  model_calls: Int8Generated;
}

export interface JournalEventsTable {
  tenant_id: string;
  session_id: string;
  chain_seq: Int8;
  event_id: string;
  run_id: string | null;
  run_seq: ColumnType<string | number | bigint | null, number | null, number | null>;
  kind: string;
  actor: string;
  /** Canonical JSON text, byte for byte as hashed. */
  payload: string;
  redacted: boolean;
  recorded_at_us: Int8;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  scope: string;
  key: string;
  request_hash: string;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Postgres `text[]` columns (both drivers read them as arrays). */
export type TextArray = ColumnType<string[], readonly string[] | undefined, readonly string[]>;

export interface AgentsTable {
  tenant_id: string;
  agent_id: string;
  display_name: string;
  agent_dir: Generated<string>;
  workspace_roots: TextArray;
  model_profile: Generated<string>;
  system_prompt: Generated<string>;
  tool_allowlist: TextArray;
  skill_allowlist: TextArray;
  execution_backend_preference: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** At most one row per tenant: its default agent. */
export interface AgentDefaultsTable {
  tenant_id: string;
  agent_id: string;
  updated_at: Timestamp;
}

export interface AgentBindingsTable {
  tenant_id: string;
  principal: string;
  /** '' when the binding is not channel-specific. */
  channel: string;
  /** '' when the binding is not session-specific. */
  session_id: string;
  agent_id: string;
  updated_at: Timestamp;
}

export interface ApprovalsTable {
  tenant_id: string;
  approval_id: string;
  session_id: string;
  run_id: string;
  proposal_id: string;
  principal: string;
  device_id: string;
  channel: string;
  subject_type: string;
  subject_id: string;
  request_summary: string;
  /** jsonb: written as JSON text, read as the parsed value. */
  prompt: ColumnType<unknown, string, string>;
  policy_id: string;
  policy_hash: string;
  policy_summary: string;
  requested_at: ColumnType<Date, Date | string, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  /** Null while pending; decision, decision_scope and resolved_at are set together. */
  decision: string | null;
  decision_scope: string | null;
  decision_scope_ttl_ms: Int8Generated;
  decision_reason: Generated<string>;
  decided_by: Generated<string>;
  resolved_at: NullableTimestamp;
}

export interface ApprovalGrantsTable {
  tenant_id: string;
  session_id: string;
  subject_id: string;
  scope: string;
  /** Null for `session` grants. */
  expires_at: NullableTimestamp;
  approval_id: string;
  granted_by: string;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  tenant_id: string;
  key_id: string;
  name: string;
  principal: string;
  roles: TextArray;
  /** sha256 hex of the secret. */
  secret_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** Append-only: one row per model call, keyed by (run, call_index). */
export interface UsageLedgerTable {
  tenant_id: string;
  run_id: string;
  call_index: number;
  turn: number;
  provider: string;
  model: string;
  prompt_tokens: Int8;
  completion_tokens: Int8;
  recorded_at: Timestamp;
}

/** Shared by every replica and not tenant data (per-IP buckets have no tenant). */
export interface RateLimitCountersTable {
  bucket_key: string;
  window_ms: number;
  window_start: ColumnType<Date, Date, Date>;
  window_end: ColumnType<Date, Date, Date>;
  count: Int8;
}

export interface KyselyMigrationTable {
  name: string;
  timestamp: string;
}

/** The typed schema every query is checked against. */
export interface JournalSchema {
  tenants: TenantsTable;
  sessions: SessionsTable;
  runs: RunsTable;
  journal_events: JournalEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  agents: AgentsTable;
  agent_defaults: AgentDefaultsTable;
  agent_bindings: AgentBindingsTable;
  approvals: ApprovalsTable;
  approval_grants: ApprovalGrantsTable;
  api_keys: ApiKeysTable;
  usage_ledger: UsageLedgerTable;
  rate_limit_counters: RateLimitCountersTable;
  kysely_migration: KyselyMigrationTable;
}
