import type {
  ApprovalOption__Output,
  ApprovalPrompt__Output,
  CanonicalId__Output,
  JournalEvent__Output,
  RunStreamEvent__Output,
} from '@palyra/proto';

export const RUN_STATUS_KINDS = ['ACCEPTED', 'IN_PROGRESS', 'DONE', 'FAILED'] as const;
export type RunStatusKind = (typeof RUN_STATUS_KINDS)[number];

export const RISK_LEVELS = ['UNSPECIFIED', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const APPROVAL_SCOPES = ['UNSPECIFIED', 'ONCE', 'SESSION', 'TIMEBOXED'] as const;
export type ApprovalScope = (typeof APPROVAL_SCOPES)[number];

/** Fields every event has. `seq` is the run's 1-based sequence number (0 from servers without it). */
interface EventBase {
  readonly seq: number;
  readonly timestampUnixMs: number;
}

export interface StatusEvent extends EventBase {
  readonly type: 'status';
  readonly kind: RunStatusKind;
  readonly message: string;
}

export interface TokenEvent extends EventBase {
  readonly type: 'token';
  readonly text: string;
  /** Last chunk of a text part. */
  readonly isFinal: boolean;
  /**
   * Set on the last chunk of a turn that ended with a final answer: the server now reads the next
   * client message (more input, or a half-close to finish). Palyra's wire extension (ModelToken
   * field 100); always false from servers without it (e.g. original Palyra servers).
   */
  readonly awaitingInput: boolean;
}

export interface ToolProposalEvent extends EventBase {
  readonly type: 'tool_proposal';
  readonly proposalId: string;
  readonly toolName: string;
  /** The tool input as JSON text. */
  readonly inputJson: string;
  readonly approvalRequired: boolean;
}

/** One answer a prompt offers (e.g. allow once, allow for this session, deny). */
export interface ApprovalOptionInfo {
  readonly optionId: string;
  readonly label: string;
  readonly description: string;
  readonly defaultSelected: boolean;
  /** The scope to send with the answer when this option is chosen. */
  readonly scope: ApprovalScope;
  /** For TIMEBOXED: how long the grant lasts (0 otherwise). */
  readonly timeboxTtlMs: number;
}

export interface ApprovalPromptInfo {
  readonly title: string;
  readonly riskLevel: RiskLevel;
  readonly subjectId: string;
  readonly summary: string;
  /** In the server's order; empty from servers that offer none. */
  readonly options: readonly ApprovalOptionInfo[];
  readonly timeoutSeconds: number;
  readonly policyExplanation: string;
  readonly detailsJson: string;
}

export interface ToolApprovalRequestEvent extends EventBase {
  readonly type: 'tool_approval_request';
  readonly proposalId: string;
  readonly approvalId: string;
  readonly toolName: string;
  readonly inputJson: string;
  readonly approvalRequired: boolean;
  readonly requestSummary: string;
  readonly prompt: ApprovalPromptInfo | undefined;
}

export interface ToolApprovalResponseEvent extends EventBase {
  readonly type: 'tool_approval_response';
  readonly proposalId: string;
  readonly approvalId: string;
  readonly approved: boolean;
  readonly reason: string;
  readonly scope: ApprovalScope;
  readonly scopeTtlMs: number;
}

export interface ToolDecisionEvent extends EventBase {
  readonly type: 'tool_decision';
  readonly proposalId: string;
  readonly decision: 'ALLOW' | 'DENY' | 'UNSPECIFIED';
  readonly reason: string;
  readonly approvalRequired: boolean;
  readonly policyEnforced: boolean;
}

export interface ToolResultEvent extends EventBase {
  readonly type: 'tool_result';
  readonly proposalId: string;
  readonly success: boolean;
  readonly outputJson: string;
  readonly error: string;
}

export interface ToolAttestationEvent extends EventBase {
  readonly type: 'tool_attestation';
  readonly proposalId: string;
  readonly attestationId: string;
  readonly executionSha256: string;
  readonly executedAtUnixMs: number;
  readonly timedOut: boolean;
  readonly executor: string;
}

export interface JournalEventRecord {
  readonly eventId: string;
  readonly sessionId: string;
  readonly runId: string;
  /** Proto enum name, e.g. `EVENT_KIND_MODEL_TOKEN`. */
  readonly kind: string;
  /** Proto enum name, e.g. `EVENT_ACTOR_AGENT`. */
  readonly actor: string;
  readonly timestampUnixMs: number;
  readonly payloadJson: string;
  readonly hash: string;
  readonly prevHash: string;
}

export interface JournalEventEvent extends EventBase {
  readonly type: 'journal_event';
  readonly event: JournalEventRecord;
}

export interface A2uiUpdateEvent extends EventBase {
  readonly type: 'a2ui_update';
  readonly surface: string;
  readonly patchJson: string;
}

/** One server event of a run, discriminated by `type`. */
export type RunEvent =
  | StatusEvent
  | TokenEvent
  | ToolProposalEvent
  | ToolApprovalRequestEvent
  | ToolApprovalResponseEvent
  | ToolDecisionEvent
  | ToolResultEvent
  | ToolAttestationEvent
  | JournalEventEvent
  | A2uiUpdateEvent;

export type RunEventType = RunEvent['type'];

/** `''` for an absent id, so callers compare strings only. */
export function idOf(id: CanonicalId__Output | null | undefined): string {
  return id?.ulid ?? '';
}

function utf8(bytes: Buffer | undefined): string {
  return bytes === undefined || bytes.length === 0 ? '' : bytes.toString('utf8');
}

/** Strips a proto enum prefix: `STATUS_KIND_DONE` -> `DONE`. Unknown values pass through. */
function shortEnum<T extends string>(value: string, prefix: string, allowed: readonly T[]): T {
  const short = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return (allowed as readonly string[]).includes(short) ? (short as T) : (allowed[0] as T);
}

function statusKind(value: string): RunStatusKind | undefined {
  switch (value) {
    case 'STATUS_KIND_ACCEPTED':
      return 'ACCEPTED';
    case 'STATUS_KIND_IN_PROGRESS':
      return 'IN_PROGRESS';
    case 'STATUS_KIND_DONE':
      return 'DONE';
    case 'STATUS_KIND_FAILED':
      return 'FAILED';
    default:
      return undefined;
  }
}

export function approvalOptionInfo(option: ApprovalOption__Output): ApprovalOptionInfo {
  return {
    optionId: option.option_id,
    label: option.label,
    description: option.description,
    defaultSelected: option.default_selected,
    scope: shortEnum(option.decision_scope, 'APPROVAL_DECISION_SCOPE_', APPROVAL_SCOPES),
    timeboxTtlMs: option.timebox_ttl_ms,
  };
}

export function approvalPromptInfo(
  prompt: ApprovalPrompt__Output | null | undefined,
): ApprovalPromptInfo | undefined {
  if (prompt === null || prompt === undefined) return undefined;
  return {
    title: prompt.title,
    riskLevel: shortEnum(prompt.risk_level, 'APPROVAL_RISK_LEVEL_', RISK_LEVELS),
    subjectId: prompt.subject_id,
    summary: prompt.summary,
    options: prompt.options.map(approvalOptionInfo),
    timeoutSeconds: prompt.timeout_seconds,
    policyExplanation: prompt.policy_explanation,
    detailsJson: utf8(prompt.details_json),
  };
}

export function toJournalEventRecord(event: JournalEvent__Output): JournalEventRecord {
  return {
    eventId: idOf(event.event_id),
    sessionId: idOf(event.session_id),
    runId: idOf(event.run_id),
    kind: event.kind,
    actor: event.actor,
    timestampUnixMs: event.timestamp_unix_ms,
    payloadJson: utf8(event.payload_json),
    hash: event.hash,
    prevHash: event.prev_hash,
  };
}

/**
 * Maps a decoded RunStreamEvent to a RunEvent; undefined for an event without a known body (a
 * newer server's addition, or an unspecified status), which callers skip but still count by seq.
 * Tokens are the hot path: they take the first branch and allocate one small object.
 */
export function toRunEvent(raw: RunStreamEvent__Output): RunEvent | undefined {
  const seq = raw.seq;
  const timestampUnixMs = raw.timestamp_unix_ms;
  switch (raw.body) {
    case 'model_token': {
      const token = raw.model_token;
      if (!token) return undefined;
      return {
        type: 'token',
        text: token.token,
        isFinal: token.is_final,
        awaitingInput: token.awaiting_input === true,
        seq,
        timestampUnixMs,
      };
    }
    case 'status': {
      const kind = raw.status ? statusKind(raw.status.kind) : undefined;
      if (kind === undefined || !raw.status) return undefined;
      return { type: 'status', kind, message: raw.status.message, seq, timestampUnixMs };
    }
    case 'tool_proposal': {
      const proposal = raw.tool_proposal;
      if (!proposal) return undefined;
      return {
        type: 'tool_proposal',
        proposalId: idOf(proposal.proposal_id),
        toolName: proposal.tool_name,
        inputJson: utf8(proposal.input_json),
        approvalRequired: proposal.approval_required,
        seq,
        timestampUnixMs,
      };
    }
    case 'tool_approval_request': {
      const request = raw.tool_approval_request;
      if (!request) return undefined;
      return {
        type: 'tool_approval_request',
        proposalId: idOf(request.proposal_id),
        approvalId: idOf(request.approval_id),
        toolName: request.tool_name,
        inputJson: utf8(request.input_json),
        approvalRequired: request.approval_required,
        requestSummary: request.request_summary,
        prompt: approvalPromptInfo(request.prompt),
        seq,
        timestampUnixMs,
      };
    }
    case 'tool_approval_response': {
      const response = raw.tool_approval_response;
      if (!response) return undefined;
      return {
        type: 'tool_approval_response',
        proposalId: idOf(response.proposal_id),
        approvalId: idOf(response.approval_id),
        approved: response.approved,
        reason: response.reason,
        scope: shortEnum(response.decision_scope, 'APPROVAL_DECISION_SCOPE_', APPROVAL_SCOPES),
        scopeTtlMs: response.decision_scope_ttl_ms,
        seq,
        timestampUnixMs,
      };
    }
    case 'tool_decision': {
      const decision = raw.tool_decision;
      if (!decision) return undefined;
      return {
        type: 'tool_decision',
        proposalId: idOf(decision.proposal_id),
        decision: shortEnum(decision.kind, 'DECISION_KIND_', ['UNSPECIFIED', 'ALLOW', 'DENY'] as const),
        reason: decision.reason,
        approvalRequired: decision.approval_required,
        policyEnforced: decision.policy_enforced,
        seq,
        timestampUnixMs,
      };
    }
    case 'tool_result': {
      const result = raw.tool_result;
      if (!result) return undefined;
      return {
        type: 'tool_result',
        proposalId: idOf(result.proposal_id),
        success: result.success,
        outputJson: utf8(result.output_json),
        error: result.error,
        seq,
        timestampUnixMs,
      };
    }
    case 'tool_attestation': {
      const attestation = raw.tool_attestation;
      if (!attestation) return undefined;
      return {
        type: 'tool_attestation',
        proposalId: idOf(attestation.proposal_id),
        attestationId: idOf(attestation.attestation_id),
        executionSha256: attestation.execution_sha256,
        executedAtUnixMs: attestation.executed_at_unix_ms,
        timedOut: attestation.timed_out,
        executor: attestation.executor,
        seq,
        timestampUnixMs,
      };
    }
    case 'journal_event': {
      if (!raw.journal_event) return undefined;
      return { type: 'journal_event', event: toJournalEventRecord(raw.journal_event), seq, timestampUnixMs };
    }
    case 'a2ui_update': {
      const update = raw.a2ui_update;
      if (!update) return undefined;
      return {
        type: 'a2ui_update',
        surface: update.surface,
        patchJson: utf8(update.patch_json),
        seq,
        timestampUnixMs,
      };
    }
    default:
      return undefined;
  }
}
