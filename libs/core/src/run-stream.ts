import type { ErrorCode } from './errors.js';
import { type JournalEventKind, TOOL_EVENT_KINDS } from './journal-event.js';

/**
 * Journal payloads of the events that make up a run's client-visible stream. Events with a run
 * `seq` are streamed to clients in seq order; events without one (inputs, client signals) are
 * journaled for audit and for the worker, but never streamed.
 */
export const STREAM_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'DONE', 'FAILED'] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

export interface RunStatusPayload {
  readonly status: 'ACCEPTED' | 'IN_PROGRESS';
  readonly message: string;
  /** On IN_PROGRESS: the agent the run executes and the hash of its configuration at that moment. */
  readonly agent_id?: string;
  readonly agent_config_hash?: string;
  readonly model_profile?: string;
  /** On IN_PROGRESS: the tool policy in force (ApprovalPolicySnapshot's id and hash). */
  readonly policy_id?: string;
  readonly policy_hash?: string;
}

export interface RunEndedPayload {
  readonly status: 'DONE' | 'FAILED';
  readonly message: string;
  /** Why a run failed, as a closed code (e.g. `cancelled`, `wall_clock_limit`), for clients and metrics. */
  readonly reason?: string;
  /** The PalyraError code behind a failure; gateways end the call with its gRPC status. */
  readonly code?: ErrorCode;
  /** Set on FAILED to tell the client what it can do about it. */
  readonly hint?: string;
}

/** A chunk of model output; `text` (not `token`: that key is redacted) concatenates to the answer. */
export interface ModelTokenPayload {
  readonly text: string;
  readonly is_final: boolean;
  /** 1-based model turn within the run. */
  readonly turn: number;
  /** The input event this turn answers. */
  readonly in_reply_to: string;
  /**
   * Set (only) on the final chunk of a turn that ended with a final answer (finish reason `stop`
   * or `length`, not when tools follow): the worker now waits for the next client message — more
   * input, or a half-close to finish the run. Absent in journals written before this field.
   */
  readonly awaiting_input?: boolean;
  /**
   * On the final chunk of a turn that asked for tools: the calls, in the model's order. Carried by
   * the chunk that ends the turn, so "the turn ended" and "these tools were asked for" are durable
   * together; a redelivered run proposes whichever of them has no `tool_proposed` event yet.
   */
  readonly tool_calls?: readonly PlannedToolCallPayload[];
  /** On the final chunk: what the model call behind this turn cost (also in the run's usage ledger). */
  readonly usage?: TurnUsagePayload;
}

export interface TurnUsagePayload {
  readonly provider: string;
  readonly model: string;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

export interface PlannedToolCallPayload {
  /** The provider's id for the call (sent back with its result). */
  readonly call_id: string;
  /** Palyra name. */
  readonly tool_name: string;
  readonly arguments_json: string;
}

export interface MessageReceivedPayload {
  readonly text: string;
  readonly envelope_id?: string;
  readonly origin?: string;
}

export interface CancelRequestedPayload {
  readonly reason: string;
  readonly requested_by: string;
}

/**
 * Tool events. Field names are the proto's (snake_case) so gateways map them 1:1. JSON values
 * travel as JSON text (`*_json`), exactly the bytes the model produced or the tool returned.
 * `tool_name` is always the Palyra name (`palyra.echo`), never a provider's mangled form.
 */
export interface ToolProposedPayload {
  readonly proposal_id: string;
  readonly tool_name: string;
  readonly input_json: string;
  readonly approval_required: boolean;
  /** The model turn that proposed it, and the provider's id for the call (sent back with the result). */
  readonly turn: number;
  readonly call_id: string;
}

export const APPROVAL_RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type ApprovalRiskLevel = (typeof APPROVAL_RISK_LEVELS)[number];
export const APPROVAL_DECISION_SCOPES = ['ONCE', 'SESSION', 'TIMEBOXED'] as const;
export type ApprovalDecisionScope = (typeof APPROVAL_DECISION_SCOPES)[number];

export interface ApprovalOptionPayload {
  readonly option_id: string;
  readonly label: string;
  readonly description: string;
  readonly default_selected: boolean;
  readonly decision_scope: ApprovalDecisionScope;
  readonly timebox_ttl_ms: number;
}

export interface ApprovalPromptPayload {
  readonly title: string;
  readonly risk_level: ApprovalRiskLevel;
  readonly subject_id: string;
  readonly summary: string;
  readonly options: readonly ApprovalOptionPayload[];
  readonly timeout_seconds: number;
  readonly details_json: string;
  readonly policy_explanation: string;
}

export interface ToolApprovalRequestedPayload {
  readonly proposal_id: string;
  readonly approval_id: string;
  readonly tool_name: string;
  readonly input_json: string;
  readonly approval_required: true;
  readonly request_summary: string;
  readonly prompt: ApprovalPromptPayload;
  /** When the wait ends as a denial (timeout). */
  readonly expires_at_unix_ms: number;
}

export interface ToolApprovalRespondedPayload {
  readonly proposal_id: string;
  readonly approval_id: string;
  readonly approved: boolean;
  readonly reason: string;
  readonly decision_scope: ApprovalDecisionScope;
  readonly decision_scope_ttl_ms: number;
  /** Principal that decided; `system` for a timeout, half-close or remembered grant. */
  readonly decided_by: string;
}

export interface ToolDecidedPayload {
  readonly proposal_id: string;
  readonly kind: 'ALLOW' | 'DENY';
  readonly reason: string;
  readonly approval_required: boolean;
  readonly policy_enforced: boolean;
}

export interface ToolExecutedPayload {
  readonly proposal_id: string;
  readonly success: boolean;
  readonly output_json: string;
  readonly error: string;
}

export interface ToolAttestedPayload {
  readonly proposal_id: string;
  readonly attestation_id: string;
  /** sha256 hex over the canonical JSON of tool name, input, output and timing. */
  readonly execution_sha256: string;
  readonly executed_at_unix_ms: number;
  readonly finished_at_unix_ms: number;
  readonly timed_out: boolean;
  readonly executor: string;
}

/** Journaled (no seq) once per model call: what the call cost. Idempotent by (run, call_index). */
export interface UsageRecordedPayload {
  readonly call_index: number;
  readonly turn: number;
  readonly provider: string;
  readonly model: string;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

export const CANCELLED_BY_REQUEST = 'cancelled by request';

/** Kinds whose events carry a run seq and are streamed to clients. */
export const STREAMED_KINDS: ReadonlySet<JournalEventKind> = new Set<JournalEventKind>([
  'run_status',
  'model_token',
  ...TOOL_EVENT_KINDS,
  'a2ui_updated',
  'run_completed',
  'run_failed',
]);

/** Terminal stream events: after one of these the stream ends. */
export function isTerminalStreamKind(kind: JournalEventKind): boolean {
  return kind === 'run_completed' || kind === 'run_failed';
}

/**
 * Splits text into chunks of at most `maxWords` whitespace-separated words such that
 * concatenating the chunks reproduces the text exactly (whitespace stays with the word before it).
 */
export function chunkWords(text: string, maxWords: number): string[] {
  if (!Number.isInteger(maxWords) || maxWords < 1)
    throw new RangeError('maxWords must be a positive integer');
  if (text === '') return [];
  const parts = text.match(/\s*\S+\s*/g) ?? [text];
  const chunks: string[] = [];
  for (let index = 0; index < parts.length; index += maxWords) {
    chunks.push(parts.slice(index, index + maxWords).join(''));
  }
  return chunks;
}
