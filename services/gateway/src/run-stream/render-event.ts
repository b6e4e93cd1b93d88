import { type EventActor, type JournalEventKind, PALYRA_EVENT_KIND_OF } from '@palyra/core';
import type {
  A2uiUpdate,
  ApprovalDecisionScope,
  ApprovalOption,
  ApprovalPrompt,
  ApprovalRiskLevel,
  CanonicalId,
  JournalEvent,
  JournalEvent_EventActor,
  RunStreamEvent,
  StreamStatus,
  StreamStatus_StatusKind,
  ToolApprovalRequest,
  ToolApprovalResponse,
  ToolAttestation,
  ToolDecision,
  ToolProposal,
  ToolResult,
} from '@palyra/proto';

/**
 * Journal events -> RunStreamEvents. Payload shapes are core's run-stream types; tool payloads use
 * the proto field names (snake_case) so they map 1:1. Renderers read defensively: a payload that
 * lacks a field renders its proto default rather than failing the stream.
 */

type Payload = Readonly<Record<string, unknown>>;

const EMPTY: Payload = Object.freeze({});
const EMPTY_BYTES = Buffer.alloc(0);

function asPayload(value: unknown): Payload {
  return typeof value === 'object' && value !== null ? (value as Payload) : EMPTY;
}

function text(payload: Payload, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function flag(payload: Payload, key: string): boolean {
  return payload[key] === true;
}

function integer(payload: Payload, key: string): number {
  const value = payload[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

function id(payload: Payload, key: string): CanonicalId | null {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? { ulid: value } : null;
}

/** A JSON field as bytes: strings are taken as the JSON text, other values are encoded. */
function jsonBytes(payload: Payload, key: string): Buffer {
  const value = payload[key];
  if (value === undefined || value === null) return EMPTY_BYTES;
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}

const STATUS_KIND_OF: Readonly<Record<string, StreamStatus_StatusKind>> = {
  ACCEPTED: 'STATUS_KIND_ACCEPTED',
  IN_PROGRESS: 'STATUS_KIND_IN_PROGRESS',
  DONE: 'STATUS_KIND_DONE',
  FAILED: 'STATUS_KIND_FAILED',
};

export function renderRunStatus(payload: Payload): StreamStatus {
  return {
    kind: STATUS_KIND_OF[text(payload, 'status')] ?? 'STATUS_KIND_UNSPECIFIED',
    message: text(payload, 'message'),
  };
}

export function renderRunEnded(kind: 'run_completed' | 'run_failed', payload: Payload): StreamStatus {
  return {
    kind: kind === 'run_completed' ? 'STATUS_KIND_DONE' : 'STATUS_KIND_FAILED',
    message: text(payload, 'message'),
  };
}

export function renderToolProposal(payload: Payload): ToolProposal {
  return {
    proposal_id: id(payload, 'proposal_id'),
    tool_name: text(payload, 'tool_name'),
    input_json: jsonBytes(payload, 'input_json'),
    approval_required: flag(payload, 'approval_required'),
  };
}

const RISK_LEVELS: ReadonlySet<string> = new Set(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const SCOPES: ReadonlySet<string> = new Set(['ONCE', 'SESSION', 'TIMEBOXED']);

function scopeOf(value: string): ApprovalDecisionScope {
  return SCOPES.has(value)
    ? (`APPROVAL_DECISION_SCOPE_${value}` as ApprovalDecisionScope)
    : 'APPROVAL_DECISION_SCOPE_UNSPECIFIED';
}

function renderApprovalOption(value: unknown): ApprovalOption {
  const option = asPayload(value);
  return {
    option_id: text(option, 'option_id'),
    label: text(option, 'label'),
    description: text(option, 'description'),
    default_selected: flag(option, 'default_selected'),
    decision_scope: scopeOf(text(option, 'decision_scope')),
    timebox_ttl_ms: integer(option, 'timebox_ttl_ms'),
  };
}

/** core's ApprovalPromptPayload (a journaled or stored JSON value) -> palyra.common.v1.ApprovalPrompt. */
export function renderApprovalPrompt(value: unknown): ApprovalPrompt {
  const prompt = asPayload(value);
  const risk = text(prompt, 'risk_level');
  const options = prompt.options;
  return {
    title: text(prompt, 'title'),
    risk_level: RISK_LEVELS.has(risk)
      ? (`APPROVAL_RISK_LEVEL_${risk}` as ApprovalRiskLevel)
      : 'APPROVAL_RISK_LEVEL_UNSPECIFIED',
    subject_id: text(prompt, 'subject_id'),
    summary: text(prompt, 'summary'),
    options: Array.isArray(options) ? options.map(renderApprovalOption) : [],
    timeout_seconds: integer(prompt, 'timeout_seconds'),
    details_json: jsonBytes(prompt, 'details_json'),
    policy_explanation: text(prompt, 'policy_explanation'),
  };
}

export function renderToolApprovalRequest(payload: Payload): ToolApprovalRequest {
  return {
    proposal_id: id(payload, 'proposal_id'),
    tool_name: text(payload, 'tool_name'),
    input_json: jsonBytes(payload, 'input_json'),
    approval_required: flag(payload, 'approval_required'),
    approval_id: id(payload, 'approval_id'),
    prompt: renderApprovalPrompt(payload.prompt),
    request_summary: text(payload, 'request_summary'),
  };
}

export function renderToolApprovalResponse(payload: Payload): ToolApprovalResponse {
  return {
    proposal_id: id(payload, 'proposal_id'),
    approved: flag(payload, 'approved'),
    reason: text(payload, 'reason'),
    approval_id: id(payload, 'approval_id'),
    decision_scope: scopeOf(text(payload, 'decision_scope')),
    decision_scope_ttl_ms: integer(payload, 'decision_scope_ttl_ms'),
  };
}

export function renderToolDecision(payload: Payload): ToolDecision {
  const kind = text(payload, 'kind');
  return {
    proposal_id: id(payload, 'proposal_id'),
    kind: kind === 'ALLOW' || kind === 'DENY' ? `DECISION_KIND_${kind}` : 'DECISION_KIND_UNSPECIFIED',
    reason: text(payload, 'reason'),
    approval_required: flag(payload, 'approval_required'),
    policy_enforced: flag(payload, 'policy_enforced'),
  };
}

export function renderToolResult(payload: Payload): ToolResult {
  return {
    proposal_id: id(payload, 'proposal_id'),
    success: flag(payload, 'success'),
    output_json: jsonBytes(payload, 'output_json'),
    error: text(payload, 'error'),
  };
}

export function renderToolAttestation(payload: Payload): ToolAttestation {
  return {
    proposal_id: id(payload, 'proposal_id'),
    attestation_id: id(payload, 'attestation_id'),
    execution_sha256: text(payload, 'execution_sha256'),
    executed_at_unix_ms: integer(payload, 'executed_at_unix_ms'),
    finished_at_unix_ms: integer(payload, 'finished_at_unix_ms'),
    timed_out: flag(payload, 'timed_out'),
    executor: text(payload, 'executor'),
  };
}

export function renderA2uiUpdate(payload: Payload): A2uiUpdate {
  return { v: 1, surface: text(payload, 'surface'), patch_json: jsonBytes(payload, 'patch_json') };
}

const ACTOR_OF: Readonly<Record<EventActor, JournalEvent_EventActor>> = {
  user: 'EVENT_ACTOR_USER',
  agent: 'EVENT_ACTOR_AGENT',
  system: 'EVENT_ACTOR_SYSTEM',
  plugin: 'EVENT_ACTOR_PLUGIN',
};

/** The one event shape rendering needs; live records and stored events both map onto it. */
export interface RenderableEvent {
  readonly seq: number;
  readonly timestampUnixMs: number;
  readonly kind: JournalEventKind;
  readonly payload: unknown;
  readonly eventId: string;
  readonly sessionId: string;
  readonly actor: EventActor;
}

function renderJournalEvent(runId: CanonicalId, event: RenderableEvent): JournalEvent {
  return {
    v: 1,
    event_id: { ulid: event.eventId },
    session_id: { ulid: event.sessionId },
    run_id: runId,
    kind: PALYRA_EVENT_KIND_OF[event.kind],
    actor: ACTOR_OF[event.actor],
    timestamp_unix_ms: event.timestampUnixMs,
    payload_json: Buffer.from(JSON.stringify(event.payload ?? null), 'utf8'),
  };
}

/**
 * One RunStreamEvent per journaled stream event, with its seq and timestamp. `runId` is the
 * stream's shared CanonicalId message (one allocation per stream, not per event). Kinds without a
 * body of their own travel as `journal_event`, so clients still count their seq.
 */
export function renderRunStreamEvent(runId: CanonicalId, event: RenderableEvent): RunStreamEvent {
  const payload = asPayload(event.payload);
  const message: RunStreamEvent = {
    v: 1,
    run_id: runId,
    seq: event.seq,
    timestamp_unix_ms: event.timestampUnixMs,
  };
  switch (event.kind) {
    case 'model_token':
      message.model_token = {
        token: text(payload, 'text'),
        is_final: flag(payload, 'is_final'),
        // Our addition (field 100): the run now reads the next client message.
        awaiting_input: flag(payload, 'awaiting_input'),
      };
      break;
    case 'run_status':
      message.status = renderRunStatus(payload);
      break;
    case 'run_completed':
    case 'run_failed':
      message.status = renderRunEnded(event.kind, payload);
      break;
    case 'tool_proposed':
      message.tool_proposal = renderToolProposal(payload);
      break;
    case 'tool_approval_requested':
      message.tool_approval_request = renderToolApprovalRequest(payload);
      break;
    case 'tool_approval_responded':
      message.tool_approval_response = renderToolApprovalResponse(payload);
      break;
    case 'tool_decided':
      message.tool_decision = renderToolDecision(payload);
      break;
    case 'tool_executed':
      message.tool_result = renderToolResult(payload);
      break;
    case 'tool_attested':
      message.tool_attestation = renderToolAttestation(payload);
      break;
    case 'a2ui_updated':
      message.a2ui_update = renderA2uiUpdate(payload);
      break;
    default:
      message.journal_event = renderJournalEvent(runId, event);
      break;
  }
  return message;
}
