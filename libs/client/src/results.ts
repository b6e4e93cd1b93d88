import type {
  AbortRunResponse__Output,
  CleanupSessionResponse__Output,
  HealthResponse__Output,
  JournalEvent_EventActor__Output,
  JournalEvent_EventKind__Output,
  ResolveSessionResponse__Output,
  SessionSummary__Output,
  VerifySessionChainResponse__Output,
} from '@palyra/proto';
import { idOf, type RunEvent } from './run-events.js';

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
