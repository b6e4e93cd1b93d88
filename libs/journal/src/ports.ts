import type { EventActor, JournalEventKind, RunState } from '@palyra/core';

/** An event to append. `eventId` is the idempotency key; the store assigns chain fields. */
export interface NewJournalEvent {
  readonly eventId: string;
  readonly runId?: string | null;
  /** Per-run sequence (1-based) for RunStream events; UNIQUE per run, so a zombie worker cannot fork a run. */
  readonly runSeq?: number | null;
  readonly kind: JournalEventKind;
  readonly actor: EventActor;
  /** A JSON value, or raw bytes from a client (non-JSON bytes are replaced by a marker). */
  readonly payload: unknown;
}

export interface StoredJournalEvent {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly chainSeq: number;
  readonly eventId: string;
  readonly runId: string | null;
  readonly runSeq: number | null;
  readonly kind: JournalEventKind;
  readonly actor: EventActor;
  /** The redacted payload exactly as hashed. */
  readonly payload: unknown;
  /** `payload` as its stored canonical JSON text (the bytes the hash covers). */
  readonly payloadJson: string;
  readonly redacted: boolean;
  /** Microseconds since the epoch, exactly as stored and hashed. */
  readonly recordedAtUs: number;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainVerification =
  | { readonly ok: true; readonly length: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly length: number;
      readonly brokenAtChainSeq: number;
      readonly reason: string;
    };

export interface ReadPage {
  /** Default LIMITS.pageSizeDefault, at most LIMITS.pageSizeMax. */
  readonly limit?: number;
}

/** A run state change applied by an append (see `AppendOptions.transition`). */
export interface RunTransition {
  readonly runId: string;
  readonly to: RunState;
  /** Allowed current states; default (and upper bound) predecessorsOf(to). */
  readonly from?: readonly RunState[];
  /** Recorded when moving to a terminal state. */
  readonly failureReason?: string;
}

export interface AppendOptions {
  /**
   * Applied in the same transaction (the same statement) that raises the run's last_seq: either
   * both the events and the state change are durable or neither is. Guarded like
   * runs.transition: a run not in an allowed state fails the whole append with
   * INVALID_STATE_TRANSITION (NOT_FOUND for an unknown run). Several steps (e.g. in_progress then
   * done) apply in order as one change. A batch whose events were all stored already (an
   * idempotent repeat) does not apply it again.
   */
  readonly transition?: RunTransition | readonly RunTransition[];
}

export interface JournalStore {
  /**
   * Appends a batch to the session's chain in one transaction that locks the session row.
   * Returns the stored events in input order; an event id already stored with the same content is
   * returned as stored (no-op), with different content -> ALREADY_EXISTS.
   */
  append(
    tenantId: string,
    sessionId: string,
    events: readonly NewJournalEvent[],
    options?: AppendOptions,
  ): Promise<StoredJournalEvent[]>;
  /** Recomputes the whole chain page by page; reports the first broken link. */
  verifyChain(tenantId: string, sessionId: string): Promise<ChainVerification>;
  /** A run's events with runSeq > afterSeq, in runSeq order (stream replay). */
  readRunEvents(
    tenantId: string,
    runId: string,
    afterSeq: number,
    page?: ReadPage,
  ): Promise<StoredJournalEvent[]>;
  /**
   * A run's inputs and client signals: its events without a run seq (message_received,
   * run_cancel_requested, client_event) with chainSeq > afterChainSeq, in chain order.
   */
  readRunInputs(
    tenantId: string,
    runId: string,
    afterChainSeq?: number,
    page?: ReadPage,
  ): Promise<StoredJournalEvent[]>;
  /** A session's events with chainSeq > afterChainSeq, in chain order. */
  readSessionEvents(
    tenantId: string,
    sessionId: string,
    afterChainSeq?: number,
    page?: ReadPage,
  ): Promise<StoredJournalEvent[]>;
  /** The tenant's most recent events, newest first. */
  readRecent(tenantId: string, page?: ReadPage): Promise<StoredJournalEvent[]>;
}

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface TenantRecord {
  readonly tenantId: string;
  readonly displayName: string;
  readonly status: TenantStatus;
  readonly createdAt: Date;
}

export interface TenantRepository {
  /** Creates the tenant if it does not exist; returns it either way. */
  ensure(tenantId: string, options?: { readonly displayName?: string }): Promise<TenantRecord>;
  get(tenantId: string): Promise<TenantRecord | null>;
  /** All tenants ordered by id (operator scope), after `cursor`. */
  list(options?: { readonly cursor?: string; readonly limit?: number }): Promise<Page<TenantRecord>>;
}

/** Who a session belongs to, as in Palyra: (principal, device, channel) within a tenant. */
export interface SessionIdentity {
  readonly principal: string;
  readonly deviceId: string;
  /** '' when absent. */
  readonly channel: string;
}

export interface SessionRecord extends SessionIdentity {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly sessionLabel: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastRunId: string | null;
  readonly archivedAt: Date | null;
  readonly chainLength: number;
  readonly chainHeadHash: string;
}

export interface NewSession extends SessionIdentity {
  /** Minted when absent. */
  readonly sessionId?: string;
  readonly sessionKey: string;
  readonly sessionLabel?: string;
}

export interface SessionListOptions {
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string | null;
  readonly limit?: number;
  readonly includeArchived?: boolean;
  /** Case-insensitive substring of the session key or label. */
  readonly q?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

export interface SessionRepository {
  /** ALREADY_EXISTS when the key (or id) is taken in the tenant. */
  create(tenantId: string, session: NewSession): Promise<SessionRecord>;
  get(tenantId: string, sessionId: string): Promise<SessionRecord | null>;
  getByKey(tenantId: string, sessionKey: string): Promise<SessionRecord | null>;
  /** The identity's sessions ordered by session key. */
  list(
    tenantId: string,
    identity: SessionIdentity,
    options?: SessionListOptions,
  ): Promise<Page<SessionRecord>>;
  setLastRun(tenantId: string, sessionId: string, runId: string): Promise<SessionRecord>;
  /** Clears last_run_id (history stays in the journal). */
  reset(tenantId: string, sessionId: string): Promise<SessionRecord>;
  /**
   * Sets archived_at and renames the key to `archived:<session_id>:<unix_ms>`, freeing the key for
   * a new session. Archiving an archived session returns it unchanged.
   */
  archive(tenantId: string, sessionId: string): Promise<SessionRecord>;
}

export interface RunRecord {
  readonly tenantId: string;
  readonly runId: string;
  readonly sessionId: string;
  readonly principal: string;
  readonly deviceId: string;
  readonly channel: string;
  readonly state: RunState;
  readonly cancelRequested: boolean;
  readonly cancelReason: string | null;
  readonly cancelRequestedBy: string | null;
  readonly failureReason: string | null;
  /** Highest run seq journaled so far (0 before the first streamed event). */
  readonly lastSeq: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** When the client half-closed; the run ends after its current turn. */
  readonly inputClosedAt: Date | null;
}

export interface NewRun extends SessionIdentity {
  readonly runId: string;
  readonly sessionId: string;
  /** `accepted` when the gateway admits the run in the same step (the usual case). Default `pending`. */
  readonly state?: 'pending' | 'accepted';
}

export interface TransitionOptions {
  /** Allowed current states; default (and upper bound) predecessorsOf(to). */
  readonly from?: readonly RunState[];
  /** Recorded when moving to `failed`. */
  readonly failureReason?: string;
}

export interface RunRepository {
  /** Idempotent on run id: a redelivered start returns the stored run with `created: false`. */
  create(tenantId: string, run: NewRun): Promise<{ run: RunRecord; created: boolean }>;
  /**
   * Admission in one transaction: `create`, and when the run is new, the journal append of
   * `events` (each must belong to the run; e.g. its input and ACCEPTED at seq 1). An existing run
   * (a retried first message) is returned with `created: false` and nothing appended. Errors as
   * `create` and `JournalStore.append`; on any error neither the run nor the events exist.
   */
  createWithEvents(
    tenantId: string,
    run: NewRun,
    events: readonly NewJournalEvent[],
  ): Promise<{ run: RunRecord; created: boolean; events: StoredJournalEvent[] }>;
  get(tenantId: string, runId: string): Promise<RunRecord | null>;
  /**
   * The run row and then its inputs (as JournalStore.readRunInputs, chainSeq > afterChainSeq),
   * read one after the other: the inputs include every input committed before the row was read.
   * No inputs when the run is unknown.
   */
  getWithInputs(
    tenantId: string,
    runId: string,
    afterChainSeq?: number,
    page?: ReadPage,
  ): Promise<{ run: RunRecord | null; inputs: StoredJournalEvent[] }>;
  /** The tenant's runs in pending, accepted or in_progress, by run id, after `cursor` (a run id). */
  listUnfinished(
    tenantId: string,
    options?: { readonly cursor?: string | null; readonly limit?: number },
  ): Promise<Page<RunRecord>>;
  /**
   * A guarded UPDATE: succeeds only from an allowed state, else INVALID_STATE_TRANSITION naming
   * both states. Sets started_at on in_progress and finished_at on terminal states.
   */
  transition(tenantId: string, runId: string, to: RunState, options?: TransitionOptions): Promise<RunRecord>;
  /** Sets the durable cancel flag (first reason wins); a finished run is returned unchanged. */
  requestCancel(
    tenantId: string,
    runId: string,
    request: { readonly reason: string; readonly requestedBy: string },
  ): Promise<RunRecord>;
  /** Records the client's half-close once (first call wins); a finished run is returned unchanged. */
  closeInput(tenantId: string, runId: string): Promise<RunRecord>;
  /** The session's runs in creation order, after `cursor` (a run id). */
  listBySession(
    tenantId: string,
    sessionId: string,
    options?: { readonly cursor?: string | null; readonly limit?: number },
  ): Promise<Page<RunRecord>>;
}

export interface Repositories {
  readonly tenants: TenantRepository;
  readonly sessions: SessionRepository;
  readonly runs: RunRepository;
  readonly journal: JournalStore;
}
