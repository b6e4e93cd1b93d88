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
  kysely_migration: KyselyMigrationTable;
}
