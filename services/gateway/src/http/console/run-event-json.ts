import type { RunStreamEvent } from '@palyra/proto';
import Type, { type Static } from 'typebox';
import { type RenderableEvent, renderRunStreamEvent } from '../../run-stream/render-event.js';

/**
 * The JSON form of a run stream event, shared by `GET runs/{run_id}/events` and the SSE stream.
 * It is the gRPC `RunStreamEvent` rendered by the same mapping (render-event.ts), then made
 * JSON-friendly: `type` names the body field that is set (also the SSE `event:`), ids
 * (`CanonicalId`) are plain ULID strings (null when absent), and bytes fields, which carry JSON
 * text (`input_json`, `output_json`, `patch_json`, `payload_json`, ...), are that text as a string.
 */

export const RUN_EVENT_TYPES = [
  'status',
  'model_token',
  'tool_proposal',
  'tool_approval_request',
  'tool_approval_response',
  'tool_decision',
  'tool_result',
  'tool_attestation',
  'a2ui_update',
  'journal_event',
] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

const Id = Type.Union([Type.String(), Type.Null()]);
/** Bodies may gain fields as the gRPC messages do; those pass through as JSON. */
const open = { additionalProperties: true } as const;

const StatusBody = Type.Object(
  {
    kind: Type.String({ description: 'STATUS_KIND_ACCEPTED, _IN_PROGRESS, _DONE or _FAILED' }),
    message: Type.String(),
  },
  open,
);
const ModelTokenBody = Type.Object(
  {
    token: Type.String(),
    is_final: Type.Boolean(),
    awaiting_input: Type.Boolean({ description: 'the run now reads the next client message' }),
  },
  open,
);
const ToolProposalBody = Type.Object(
  { proposal_id: Id, tool_name: Type.String(), input_json: Type.String(), approval_required: Type.Boolean() },
  open,
);
const ToolApprovalRequestBody = Type.Object(
  {
    proposal_id: Id,
    tool_name: Type.String(),
    input_json: Type.String(),
    approval_required: Type.Boolean(),
    approval_id: Id,
    request_summary: Type.String(),
  },
  open,
);
const ToolApprovalResponseBody = Type.Object(
  {
    proposal_id: Id,
    approved: Type.Boolean(),
    reason: Type.String(),
    approval_id: Id,
    decision_scope: Type.String(),
    decision_scope_ttl_ms: Type.Integer(),
  },
  open,
);
const ToolDecisionBody = Type.Object(
  {
    proposal_id: Id,
    kind: Type.String({ description: 'DECISION_KIND_ALLOW or DECISION_KIND_DENY' }),
    reason: Type.String(),
    approval_required: Type.Boolean(),
    policy_enforced: Type.Boolean(),
  },
  open,
);
const ToolResultBody = Type.Object(
  { proposal_id: Id, success: Type.Boolean(), output_json: Type.String(), error: Type.String() },
  open,
);
const ToolAttestationBody = Type.Object(
  {
    proposal_id: Id,
    attestation_id: Id,
    execution_sha256: Type.String(),
    executed_at_unix_ms: Type.Integer(),
    timed_out: Type.Boolean(),
    executor: Type.String(),
  },
  open,
);
const A2uiUpdateBody = Type.Object(
  { v: Type.Integer(), surface: Type.String(), patch_json: Type.String() },
  open,
);
const JournalEventBody = Type.Object(
  {
    v: Type.Integer(),
    event_id: Id,
    session_id: Id,
    run_id: Id,
    kind: Type.String(),
    actor: Type.String(),
    timestamp_unix_ms: Type.Integer(),
    payload_json: Type.String(),
  },
  open,
);

export const RunEventJsonSchema = Type.Object({
  run_id: Type.String(),
  seq: Type.Integer({ minimum: 1, description: 'per-run sequence, 1-based; the SSE id' }),
  timestamp_unix_ms: Type.Integer(),
  type: Type.Enum(RUN_EVENT_TYPES, { description: 'which body field is set; the SSE event name' }),
  status: Type.Optional(StatusBody),
  model_token: Type.Optional(ModelTokenBody),
  tool_proposal: Type.Optional(ToolProposalBody),
  tool_approval_request: Type.Optional(ToolApprovalRequestBody),
  tool_approval_response: Type.Optional(ToolApprovalResponseBody),
  tool_decision: Type.Optional(ToolDecisionBody),
  tool_result: Type.Optional(ToolResultBody),
  tool_attestation: Type.Optional(ToolAttestationBody),
  a2ui_update: Type.Optional(A2uiUpdateBody),
  journal_event: Type.Optional(JournalEventBody),
});
export type RunEventJson = Static<typeof RunEventJsonSchema>;

/** A value of a rendered gRPC message as JSON: bytes as their UTF-8 text, CanonicalIds as strings. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  }
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  // CanonicalId is the only message whose one field is `ulid`.
  if (entries.length === 1 && entries[0]?.[0] === 'ulid') return entries[0][1];
  return Object.fromEntries(entries.map(([key, field]) => [key, jsonValue(field)]));
}

/** The JSON form of a RunStreamEvent as renderRunStreamEvent builds it (exactly one body set). */
export function toRunEventJson(event: RunStreamEvent): RunEventJson {
  const type = RUN_EVENT_TYPES.find((candidate) => event[candidate] != null) ?? 'journal_event';
  return {
    run_id: typeof event.run_id?.ulid === 'string' ? event.run_id.ulid : '',
    seq: Number(event.seq ?? 0),
    timestamp_unix_ms: Number(event.timestamp_unix_ms ?? 0),
    type,
    // The body's shape is the gRPC message's, which the schema above describes.
    [type]: jsonValue(event[type]),
  } as RunEventJson;
}

/** A journaled stream event as JSON (the events page renders from the journal directly). */
export function renderRunEventJson(runId: string, event: RenderableEvent): RunEventJson {
  return toRunEventJson(renderRunStreamEvent({ ulid: runId }, event));
}
