export { type AgentConfigFields, agentConfigHash } from './agent-config.js';
export { canonicalJson, chainHash, GENESIS_HASH, sha256Hex } from './canonical.js';
export {
  ERROR_CODE_TRAITS,
  ERROR_CODES,
  type ErrorCategory,
  type ErrorCode,
  type FieldViolation,
  GrpcStatus,
  type GrpcStatusCode,
  invalidArgument,
  isPalyraError,
  PalyraError,
  type PalyraErrorOptions,
  toPalyraError,
} from './errors.js';
export { isCanonicalUlid, newId, optionalUlid, requireUlid, ulidTimestampMs } from './ids.js';
export {
  EVENT_ACTORS,
  type EventActor,
  isJournalEventKind,
  JOURNAL_EVENT_KINDS,
  type JournalEventKind,
  PALYRA_EVENT_KIND_OF,
  type PalyraEventKind,
  type RunEventRecord,
  TOOL_EVENT_KINDS,
} from './journal-event.js';
export { LIMITS } from './limits.js';
export { type CommonLogFields, type LogFields, type Logger, type LogMethod, silentLogger } from './logger.js';
export {
  isSensitiveKey,
  NON_JSON_MARKER_KEY,
  REDACTED,
  type Redacted,
  redactJsonBytes,
  redactString,
  redactValue,
} from './redaction.js';
export {
  assertTransition,
  canTransition,
  isRunState,
  isTerminalRunState,
  predecessorsOf,
  RUN_STATES,
  type RunState,
  RunStateMachine,
} from './run-state-machine.js';
export {
  APPROVAL_DECISION_SCOPES,
  APPROVAL_RISK_LEVELS,
  type ApprovalDecisionScope,
  type ApprovalOptionPayload,
  type ApprovalPromptPayload,
  type ApprovalRiskLevel,
  CANCELLED_BY_REQUEST,
  type CancelRequestedPayload,
  chunkWords,
  isTerminalStreamKind,
  type MessageReceivedPayload,
  type ModelTokenPayload,
  type PlannedToolCallPayload,
  type RunEndedPayload,
  type RunStatusPayload,
  STREAM_STATUSES,
  STREAMED_KINDS,
  type StreamStatus,
  type ToolApprovalRequestedPayload,
  type ToolApprovalRespondedPayload,
  type ToolAttestedPayload,
  type ToolDecidedPayload,
  type ToolExecutedPayload,
  type ToolProposedPayload,
  type TurnUsagePayload,
  type UsageRecordedPayload,
} from './run-stream.js';
export { DEFAULT_TENANT_ID, isTenantId, requireTenantId } from './tenant.js';
