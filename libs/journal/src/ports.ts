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
  /** Operator action; NOT_FOUND for an unknown tenant. */
  setStatus(tenantId: string, status: TenantStatus): Promise<TenantRecord>;
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
  /** Sets the session's label (a display name; '' clears it). */
  rename(tenantId: string, sessionId: string, label: string): Promise<SessionRecord>;
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
  /** Totals of the run's model calls (usage_ledger), kept on the row for listing. */
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly modelCalls: number;
}

/** One model call's usage; idempotent by (run, callIndex) so a redelivered run never double-counts. */
export interface ModelCallUsage {
  readonly callIndex: number;
  readonly turn: number;
  readonly provider: string;
  readonly model: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
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
  /**
   * Inserts the call into usage_ledger and adds it to the run's totals in one transaction; a call
   * index already recorded changes nothing (`recorded: false`).
   */
  recordUsage(tenantId: string, runId: string, usage: ModelCallUsage): Promise<{ recorded: boolean }>;
  /** The session's runs in creation order, after `cursor` (a run id). */
  listBySession(
    tenantId: string,
    sessionId: string,
    options?: { readonly cursor?: string | null; readonly limit?: number },
  ): Promise<Page<RunRecord>>;
}

// ---------------------------------------------------------------------------------------------
// Agents (Palyra's agent registry, per tenant) and their bindings to a (principal, channel, session).

export interface AgentRecord {
  readonly tenantId: string;
  /** Trimmed, lower-cased, <= 64 bytes of [a-z0-9._-]. */
  readonly agentId: string;
  readonly displayName: string;
  readonly agentDir: string;
  readonly workspaceRoots: readonly string[];
  /** A model profile name from the providers configuration ('' = the default profile). */
  readonly modelProfile: string;
  readonly systemPrompt: string;
  /** Palyra tool names the agent may call ([] = every tool the deployment allows). */
  readonly toolAllowlist: readonly string[];
  readonly skillAllowlist: readonly string[];
  readonly executionBackendPreference: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewAgent {
  readonly agentId: string;
  readonly displayName: string;
  readonly agentDir?: string;
  readonly workspaceRoots?: readonly string[];
  readonly modelProfile?: string;
  readonly systemPrompt?: string;
  readonly toolAllowlist?: readonly string[];
  readonly skillAllowlist?: readonly string[];
  readonly executionBackendPreference?: string;
}

/** Fields an update may change; absent = unchanged. */
export type AgentPatch = Partial<Omit<NewAgent, 'agentId'>>;

export interface AgentBindingRecord {
  readonly tenantId: string;
  readonly principal: string;
  /** '' when the binding is not channel-specific. */
  readonly channel: string;
  /** '' when the binding is not session-specific. */
  readonly sessionId: string;
  readonly agentId: string;
  readonly updatedAt: Date;
}

export interface AgentBindingKey {
  readonly principal: string;
  readonly channel: string;
  readonly sessionId: string;
}

export interface AgentRepository {
  /**
   * ALREADY_EXISTS when the id is taken. The tenant's first agent becomes its default; with
   * `setDefault` the new agent becomes the default. Returns whether the default changed.
   */
  create(
    tenantId: string,
    agent: NewAgent,
    options?: { readonly setDefault?: boolean },
  ): Promise<{ agent: AgentRecord; defaultChanged: boolean; defaultAgentId: string }>;
  get(tenantId: string, agentId: string): Promise<AgentRecord | null>;
  /** NOT_FOUND for an unknown agent. */
  update(tenantId: string, agentId: string, patch: AgentPatch): Promise<AgentRecord>;
  /** Ordered by agent id, after `cursor` (an agent id, as Palyra's `after_agent_id`). */
  list(
    tenantId: string,
    options?: { readonly after?: string; readonly limit?: number },
  ): Promise<{ items: AgentRecord[]; nextAfter: string; defaultAgentId: string }>;
  /**
   * Deletes the agent and its bindings. When it was the default, the default moves to the first
   * remaining agent by id (or none). NOT_FOUND for an unknown agent.
   */
  delete(
    tenantId: string,
    agentId: string,
  ): Promise<{
    removedBindings: number;
    previousDefaultAgentId: string;
    defaultAgentId: string;
    agentDir: string;
  }>;
  /** '' when the tenant has no agents. */
  getDefault(tenantId: string): Promise<string>;
  /** NOT_FOUND for an unknown agent. Returns the previous default ('' when none). */
  setDefault(tenantId: string, agentId: string): Promise<{ previousAgentId: string }>;
  /** Upsert by key; NOT_FOUND for an unknown agent. `created` is false when the key was bound already. */
  bind(
    tenantId: string,
    key: AgentBindingKey,
    agentId: string,
  ): Promise<{ binding: AgentBindingRecord; created: boolean }>;
  /** Returns the agent the key was bound to, or '' when it was not bound. */
  unbind(tenantId: string, key: AgentBindingKey): Promise<string>;
  /** Bindings filtered by any of the given fields (absent/'' = any), ordered by key. */
  listBindings(
    tenantId: string,
    filter?: Partial<AgentBindingKey> & { readonly agentId?: string; readonly limit?: number },
  ): Promise<AgentBindingRecord[]>;
  /** The binding for exactly this key, if any. */
  getBinding(tenantId: string, key: AgentBindingKey): Promise<AgentBindingRecord | null>;
  /**
   * The agent for a run's context in one read: the binding of (principal, channel, session), then
   * of (principal, channel), then of the principal alone; then the tenant's default; then the
   * first agent by id. Null when the tenant has no agents.
   */
  resolveForContext(
    tenantId: string,
    key: AgentBindingKey,
  ): Promise<{ agent: AgentRecord; source: AgentResolutionSource } | null>;
}

export type AgentResolutionSource = 'session_binding' | 'default' | 'fallback';

// ---------------------------------------------------------------------------------------------
// Approvals: one record per tool approval request, decided once; and the remembered grants.

export const APPROVAL_DECISIONS = ['allow', 'deny', 'timeout', 'error'] as const;
export type ApprovalDecisionValue = (typeof APPROVAL_DECISIONS)[number];
export const APPROVAL_SCOPES = ['once', 'session', 'timeboxed'] as const;
export type ApprovalScopeValue = (typeof APPROVAL_SCOPES)[number];

export interface ApprovalRecord {
  readonly tenantId: string;
  readonly approvalId: string;
  readonly sessionId: string;
  readonly runId: string;
  readonly proposalId: string;
  readonly principal: string;
  readonly deviceId: string;
  readonly channel: string;
  /** Palyra's ApprovalSubjectType, lower-case without prefix: 'tool' for tool calls. */
  readonly subjectType: string;
  /** For tools: the Palyra tool name. */
  readonly subjectId: string;
  readonly requestSummary: string;
  /** The ApprovalPromptPayload shown to the approver (JSON value). */
  readonly prompt: unknown;
  readonly policyId: string;
  readonly policyHash: string;
  readonly policySummary: string;
  readonly requestedAt: Date;
  /** When an undecided approval counts as timed out. */
  readonly expiresAt: Date;
  /** Null while pending. */
  readonly decision: ApprovalDecisionValue | null;
  readonly decisionScope: ApprovalScopeValue | null;
  readonly decisionScopeTtlMs: number;
  readonly decisionReason: string;
  readonly decidedBy: string;
  readonly resolvedAt: Date | null;
}

export type NewApproval = Omit<
  ApprovalRecord,
  | 'tenantId'
  | 'decision'
  | 'decisionScope'
  | 'decisionScopeTtlMs'
  | 'decisionReason'
  | 'decidedBy'
  | 'resolvedAt'
>;

export interface ApprovalDecisionInput {
  readonly decision: ApprovalDecisionValue;
  readonly scope: ApprovalScopeValue;
  /** For `timeboxed`: how long the grant lasts. */
  readonly scopeTtlMs?: number;
  readonly reason: string;
  readonly decidedBy: string;
}

/** Every field narrows the list; absent, '' and 0 mean "any" (the wire's defaults). */
export interface ApprovalFilter {
  /** requested_at >= sinceMs (unix ms). */
  readonly sinceMs?: number;
  /** requested_at <= untilMs (unix ms). */
  readonly untilMs?: number;
  readonly subjectId?: string;
  readonly principal?: string;
  readonly decision?: ApprovalDecisionValue | 'pending';
  readonly subjectType?: string;
  readonly sessionId?: string;
  readonly runId?: string;
}

/**
 * A remembered "allow for session" or "allow for a while" decision: later proposals of the same
 * tool in the same session are allowed without asking, on every replica.
 */
export interface ApprovalGrantRecord {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly subjectId: string;
  readonly scope: 'session' | 'timeboxed';
  /** Null for `session` grants. */
  readonly expiresAt: Date | null;
  readonly approvalId: string;
  readonly grantedBy: string;
  readonly createdAt: Date;
}

export interface ApprovalRepository {
  /** Idempotent on (run, proposal): a redelivered run gets the existing record back with `created: false`. */
  create(tenantId: string, approval: NewApproval): Promise<{ approval: ApprovalRecord; created: boolean }>;
  get(tenantId: string, approvalId: string): Promise<ApprovalRecord | null>;
  getByProposal(tenantId: string, runId: string, proposalId: string): Promise<ApprovalRecord | null>;
  /**
   * Records the decision once (first writer wins, in one guarded UPDATE) and, for an `allow` with
   * scope session/timeboxed, the grant in the same transaction. Returns the record as stored and
   * whether this call decided it; a second decision returns `decided: false` with the first one.
   */
  decide(
    tenantId: string,
    approvalId: string,
    input: ApprovalDecisionInput,
  ): Promise<{ approval: ApprovalRecord; decided: boolean }>;
  /** Newest first by approval id (ULIDs sort by time), after `after` (an approval id). */
  list(
    tenantId: string,
    filter?: ApprovalFilter & { readonly after?: string; readonly limit?: number },
  ): Promise<{ items: ApprovalRecord[]; nextAfter: string }>;
  /** An unexpired grant for the tool in the session, if any. */
  findGrant(
    tenantId: string,
    sessionId: string,
    subjectId: string,
    now?: Date,
  ): Promise<ApprovalGrantRecord | null>;
}

// ---------------------------------------------------------------------------------------------
// API keys: per-tenant machine credentials. The secret is shown once and stored as a hash.

export interface ApiKeyRecord {
  readonly tenantId: string;
  readonly keyId: string;
  readonly name: string;
  /** The principal calls made with the key act as (default `apikey:<key_id>`). */
  readonly principal: string;
  readonly roles: readonly string[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface ApiKeyRepository {
  /** Stores `secretHash` (sha256 hex of the secret); the caller mints and shows the secret. */
  create(
    tenantId: string,
    key: { keyId: string; name: string; principal: string; roles: readonly string[]; secretHash: string },
  ): Promise<ApiKeyRecord>;
  /**
   * The key with this id and hash, unrevoked; null otherwise (callers compare nothing themselves).
   * A hit stamps `lastUsedAt` when it is older than the repository's resolution (default 60 s).
   */
  findActive(tenantId: string, keyId: string, secretHash: string): Promise<ApiKeyRecord | null>;
  list(
    tenantId: string,
    options?: { readonly cursor?: string | null; readonly limit?: number },
  ): Promise<Page<ApiKeyRecord>>;
  /** NOT_FOUND for an unknown key; revoking twice keeps the first time. */
  revoke(tenantId: string, keyId: string): Promise<ApiKeyRecord>;
}

// ---------------------------------------------------------------------------------------------
// Rate limits shared by every replica: fixed-window counters in the database.

export interface RateLimitHit {
  /** The count in the current window after this hit. */
  readonly count: number;
  /** When the current window ends. */
  readonly resetAt: Date;
}

export interface RateLimitStore {
  /**
   * Adds one hit to `key`'s current window of `windowMs` and returns the new count, atomically.
   * Windows are aligned to the epoch; one key with two window lengths has two counters.
   */
  hit(key: string, windowMs: number, now?: Date): Promise<RateLimitHit>;
  /** Deletes windows that ended before `before` (a periodic sweep). Returns how many. */
  sweep(before: Date): Promise<number>;
}

export interface Repositories {
  readonly tenants: TenantRepository;
  readonly sessions: SessionRepository;
  readonly runs: RunRepository;
  readonly journal: JournalStore;
  readonly agents: AgentRepository;
  readonly approvals: ApprovalRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly rateLimits: RateLimitStore;
}
