import type {
  AbortRunResponse__Output,
  Agent__Output,
  AgentBinding__Output,
  ApprovalRecord__Output,
  CleanupSessionResponse__Output,
  HealthResponse__Output,
  JournalEvent_EventActor__Output,
  JournalEvent_EventKind__Output,
  ResolveSessionResponse__Output,
  SessionSummary__Output,
  VerifySessionChainResponse__Output,
} from '@palyra/proto';
import {
  APPROVAL_SCOPES,
  type ApprovalPromptInfo,
  type ApprovalScope,
  approvalPromptInfo,
  idOf,
  type RunEvent,
} from './run-events.js';

export interface HealthInfo {
  readonly service: string;
  readonly status: string;
  readonly version: string;
  readonly gitHash: string;
  readonly buildProfile: string;
  readonly uptimeSeconds: number;
}

export interface SessionSummary {
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly sessionLabel: string;
  readonly createdAtUnixMs: number;
  readonly updatedAtUnixMs: number;
  readonly lastRunId: string | undefined;
  /** 0 while the session is active. */
  readonly archivedAtUnixMs: number;
  readonly title: string;
  readonly preview: string;
  readonly lastIntent: string;
  readonly lastSummary: string;
  readonly matchSnippet: string;
  readonly parentSessionId: string | undefined;
  readonly lastRunState: string;
}

export interface ResolveSessionInput {
  readonly sessionId?: string;
  readonly sessionKey?: string;
  readonly sessionLabel?: string;
  readonly requireExisting?: boolean;
  readonly resetSession?: boolean;
}

export interface ResolvedSession {
  readonly session: SessionSummary;
  readonly created: boolean;
  readonly resetApplied: boolean;
}

export interface ListSessionsOptions {
  readonly afterSessionKey?: string;
  /** 0 or absent = the server default (100); at most 500. */
  readonly limit?: number;
  readonly includeArchived?: boolean;
  /** Free-text filter (`q`). */
  readonly query?: string;
}

export interface SessionPage {
  readonly sessions: SessionSummary[];
  /** Cursor for the next page; undefined on the last page. */
  readonly nextAfterSessionKey: string | undefined;
}

export interface SessionSelector {
  readonly sessionId?: string;
  readonly sessionKey?: string;
}

export interface CleanupResult {
  readonly session: SessionSummary | undefined;
  /** False when the session was already archived. */
  readonly cleaned: boolean;
  readonly newlyArchived: boolean;
  readonly previousSessionKey: string;
  readonly runCount: number;
}

export interface AbortRunResult {
  readonly runId: string;
  readonly cancelRequested: boolean;
  readonly reason: string;
}

export type JournalEventKindName = Exclude<JournalEvent_EventKind__Output, 'EVENT_KIND_UNSPECIFIED'>;
export type JournalEventActorName = Exclude<JournalEvent_EventActor__Output, 'EVENT_ACTOR_UNSPECIFIED'>;

export interface AppendEventInput {
  /** Default: the server assigns one. */
  readonly eventId?: string;
  readonly sessionId: string;
  readonly runId: string;
  readonly kind: JournalEventKindName;
  readonly actor: JournalEventActorName;
  /** Default now. */
  readonly timestampUnixMs?: number;
  /** JSON-encoded into `payload_json`. */
  readonly payload?: unknown;
}

export interface AppendEventResult {
  readonly eventId: string;
  readonly accepted: boolean;
}

export interface ChainVerification {
  readonly ok: boolean;
  /** Number of events in the chain. */
  readonly length: number;
  /** Hash of the last event when ok. */
  readonly headHash: string;
  /** First broken chain position (1-based) when not ok. */
  readonly brokenAtChainSeq: number | undefined;
  readonly reason: string;
}

export interface RunEventPage {
  readonly events: RunEvent[];
  /** Pass as `afterSeq` for the next page; undefined on the last page. */
  readonly nextAfterSeq: number | undefined;
}

/** An agent as the gateway's agent registry keeps it (agent RPCs are admin-only). */
export interface AgentInfo {
  readonly agentId: string;
  readonly displayName: string;
  readonly agentDir: string;
  readonly workspaceRoots: readonly string[];
  /** The model profile its runs use ('' = the deployment's default profile). */
  readonly modelProfile: string;
  /** Tools its runs may call ([] = every tool the deployment allows). */
  readonly toolAllowlist: readonly string[];
  readonly skillAllowlist: readonly string[];
  readonly createdAtUnixMs: number;
  readonly updatedAtUnixMs: number;
}

export interface CreateAgentInput {
  /** `[A-Za-z0-9._-]`, at most 64 bytes; stored lower-cased. */
  readonly agentId: string;
  readonly displayName: string;
  /** Default `agents/<agent id>`. */
  readonly agentDir?: string;
  readonly workspaceRoots?: readonly string[];
  readonly modelProfile?: string;
  readonly toolAllowlist?: readonly string[];
  readonly skillAllowlist?: readonly string[];
  /** Make it the tenant's default agent (the first agent becomes the default anyway). */
  readonly setDefault?: boolean;
}

export interface CreatedAgent {
  readonly agent: AgentInfo;
  readonly defaultChanged: boolean;
  readonly defaultAgentId: string;
}

/** Which agent answers a context: a session, or a principal (and channel) across sessions. */
export interface AgentBindingInput {
  readonly agentId: string;
  /** Default the caller's principal; an admin may name any. */
  readonly principal?: string;
  readonly channel?: string;
  /** Bind one session; absent = every session of the principal (and channel). */
  readonly sessionId?: string;
}

export interface AgentBindingInfo {
  readonly agentId: string;
  readonly principal: string;
  readonly channel: string;
  readonly sessionId: string | undefined;
  readonly updatedAtUnixMs: number;
}

export function toAgentInfo(agent: Agent__Output): AgentInfo {
  return {
    agentId: agent.agent_id,
    displayName: agent.display_name,
    agentDir: agent.agent_dir,
    workspaceRoots: agent.workspace_roots,
    modelProfile: agent.default_model_profile,
    toolAllowlist: agent.default_tool_allowlist,
    skillAllowlist: agent.default_skill_allowlist,
    createdAtUnixMs: agent.created_at_unix_ms,
    updatedAtUnixMs: agent.updated_at_unix_ms,
  };
}

export function toAgentBindingInfo(binding: AgentBinding__Output): AgentBindingInfo {
  return {
    agentId: binding.agent_id,
    principal: binding.principal,
    channel: binding.channel,
    sessionId: optionalId(binding.session_id),
    updatedAtUnixMs: binding.updated_at_unix_ms,
  };
}

export const APPROVAL_DECISIONS = ['PENDING', 'ALLOW', 'DENY', 'TIMEOUT', 'ERROR'] as const;
/** `PENDING` while nobody has decided (the wire's UNSPECIFIED). */
export type ApprovalDecisionName = (typeof APPROVAL_DECISIONS)[number];

/** One approval as ApprovalsService records it. */
export interface ApprovalInfo {
  readonly approvalId: string;
  readonly sessionId: string;
  readonly runId: string;
  readonly principal: string;
  readonly deviceId: string;
  readonly channel: string;
  readonly requestedAtUnixMs: number;
  /** 0 while pending. */
  readonly resolvedAtUnixMs: number;
  /** Proto enum name without its prefix, e.g. `TOOL`. */
  readonly subjectType: string;
  /** For tools, the Palyra tool name. */
  readonly subjectId: string;
  readonly requestSummary: string;
  readonly decision: ApprovalDecisionName;
  readonly scope: ApprovalScope;
  readonly scopeTtlMs: number;
  readonly decisionReason: string;
  readonly policy: { readonly policyId: string; readonly policyHash: string; readonly summary: string };
  readonly prompt: ApprovalPromptInfo | undefined;
}

export interface ListApprovalsOptions {
  /** An approval id: the page continues after it. */
  readonly afterApprovalId?: string;
  /** 0 or absent = the server default (100); at most 500. */
  readonly limit?: number;
  readonly sinceUnixMs?: number;
  readonly untilUnixMs?: number;
  readonly subjectId?: string;
  readonly principal?: string;
  /** Decided approvals with this decision; absent = any (pending included). */
  readonly decision?: Exclude<ApprovalDecisionName, 'PENDING'>;
}

export interface ApprovalPage {
  readonly approvals: ApprovalInfo[];
  /** Cursor for the next page; undefined on the last page. */
  readonly nextAfterApprovalId: string | undefined;
}

export interface ApprovalDecisionInput {
  readonly approved: boolean;
  /** Shown to the model and kept for audit; empty = the server's "approved by <principal>". */
  readonly reason?: string;
  /** Default ONCE. */
  readonly scope?: Exclude<ApprovalScope, 'UNSPECIFIED'>;
  /** Required (> 0) for TIMEBOXED. */
  readonly scopeTtlMs?: number;
}

function shortName(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

export function toApprovalInfo(record: ApprovalRecord__Output): ApprovalInfo {
  const decision = shortName(record.decision, 'APPROVAL_DECISION_');
  const scope = shortName(record.decision_scope, 'APPROVAL_DECISION_SCOPE_');
  return {
    approvalId: idOf(record.approval_id),
    sessionId: idOf(record.session_id),
    runId: idOf(record.run_id),
    principal: record.principal,
    deviceId: record.device_id,
    channel: record.channel,
    requestedAtUnixMs: record.requested_at_unix_ms,
    resolvedAtUnixMs: record.resolved_at_unix_ms,
    subjectType: shortName(record.subject_type, 'APPROVAL_SUBJECT_TYPE_'),
    subjectId: record.subject_id,
    requestSummary: record.request_summary,
    decision: (APPROVAL_DECISIONS as readonly string[]).includes(decision)
      ? (decision as ApprovalDecisionName)
      : 'PENDING',
    scope: (APPROVAL_SCOPES as readonly string[]).includes(scope) ? (scope as ApprovalScope) : 'UNSPECIFIED',
    scopeTtlMs: record.decision_scope_ttl_ms,
    decisionReason: record.decision_reason,
    policy: {
      policyId: record.policy_snapshot?.policy_id ?? '',
      policyHash: record.policy_snapshot?.policy_hash ?? '',
      summary: record.policy_snapshot?.evaluation_summary ?? '',
    },
    prompt: approvalPromptInfo(record.prompt),
  };
}

function optionalId(id: Parameters<typeof idOf>[0]): string | undefined {
  const value = idOf(id);
  return value === '' ? undefined : value;
}

export function toHealthInfo(response: HealthResponse__Output): HealthInfo {
  return {
    service: response.service,
    status: response.status,
    version: response.version,
    gitHash: response.git_hash,
    buildProfile: response.build_profile,
    uptimeSeconds: response.uptime_seconds,
  };
}

export function toSessionSummary(summary: SessionSummary__Output): SessionSummary {
  return {
    sessionId: idOf(summary.session_id),
    sessionKey: summary.session_key,
    sessionLabel: summary.session_label,
    createdAtUnixMs: summary.created_at_unix_ms,
    updatedAtUnixMs: summary.updated_at_unix_ms,
    lastRunId: optionalId(summary.last_run_id),
    archivedAtUnixMs: summary.archived_at_unix_ms,
    title: summary.title,
    preview: summary.preview,
    lastIntent: summary.last_intent,
    lastSummary: summary.last_summary,
    matchSnippet: summary.match_snippet,
    parentSessionId: optionalId(summary.parent_session_id),
    lastRunState: summary.last_run_state,
  };
}

export function toResolvedSession(response: ResolveSessionResponse__Output): ResolvedSession {
  if (response.session === null) throw new TypeError('ResolveSession answered without a session');
  return {
    session: toSessionSummary(response.session),
    created: response.created,
    resetApplied: response.reset_applied,
  };
}

export function toCleanupResult(response: CleanupSessionResponse__Output): CleanupResult {
  return {
    session: response.session === null ? undefined : toSessionSummary(response.session),
    cleaned: response.cleaned,
    newlyArchived: response.newly_archived,
    previousSessionKey: response.previous_session_key,
    runCount: response.run_count,
  };
}

export function toAbortRunResult(response: AbortRunResponse__Output): AbortRunResult {
  return {
    runId: idOf(response.run_id),
    cancelRequested: response.cancel_requested,
    reason: response.reason,
  };
}

export function toChainVerification(response: VerifySessionChainResponse__Output): ChainVerification {
  return {
    ok: response.ok,
    length: response.length,
    headHash: response.head_hash,
    brokenAtChainSeq: response.ok ? undefined : response.broken_at_chain_seq,
    reason: response.reason,
  };
}
