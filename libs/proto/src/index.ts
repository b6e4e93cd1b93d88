// Public API of @palyra/proto: where the .proto files are, how they are loaded, and the types
// generated from them.
//
// Type naming, the generator's own convention kept verbatim so names match the generated files:
// `X` is the permissive shape you construct and send, `X__Output` the decoded shape you receive
// (defaults filled in, enums as strings, 64-bit ints as numbers). Nested types join with `_`
// (`StreamStatus_StatusKind`). Services give `<Service>Client`, `<Service>Handlers` and
// `<Service>Definition`. Enums are also exported as `as const` value objects.

// palyra.common.v1
export type { A2uiUpdate, A2uiUpdate__Output } from './generated/palyra/common/v1/A2uiUpdate.js';
export {
  ApprovalDecisionScope,
  type ApprovalDecisionScope__Output,
} from './generated/palyra/common/v1/ApprovalDecisionScope.js';
export type { ApprovalOption, ApprovalOption__Output } from './generated/palyra/common/v1/ApprovalOption.js';
export type { ApprovalPrompt, ApprovalPrompt__Output } from './generated/palyra/common/v1/ApprovalPrompt.js';
export {
  ApprovalRiskLevel,
  type ApprovalRiskLevel__Output,
} from './generated/palyra/common/v1/ApprovalRiskLevel.js';
export type { CanonicalId, CanonicalId__Output } from './generated/palyra/common/v1/CanonicalId.js';
export {
  _palyra_common_v1_EnvelopeOrigin_OriginType as EnvelopeOrigin_OriginType,
  type _palyra_common_v1_EnvelopeOrigin_OriginType__Output as EnvelopeOrigin_OriginType__Output,
  type EnvelopeOrigin,
  type EnvelopeOrigin__Output,
} from './generated/palyra/common/v1/EnvelopeOrigin.js';
export {
  _palyra_common_v1_JournalEvent_EventActor as JournalEvent_EventActor,
  type _palyra_common_v1_JournalEvent_EventActor__Output as JournalEvent_EventActor__Output,
  _palyra_common_v1_JournalEvent_EventKind as JournalEvent_EventKind,
  type _palyra_common_v1_JournalEvent_EventKind__Output as JournalEvent_EventKind__Output,
  type JournalEvent,
  type JournalEvent__Output,
} from './generated/palyra/common/v1/JournalEvent.js';
export {
  _palyra_common_v1_MessageAttachment_AttachmentKind as MessageAttachment_AttachmentKind,
  type _palyra_common_v1_MessageAttachment_AttachmentKind__Output as MessageAttachment_AttachmentKind__Output,
  type MessageAttachment,
  type MessageAttachment__Output,
} from './generated/palyra/common/v1/MessageAttachment.js';
export type { MessageContent, MessageContent__Output } from './generated/palyra/common/v1/MessageContent.js';
export type {
  MessageEnvelope,
  MessageEnvelope__Output,
} from './generated/palyra/common/v1/MessageEnvelope.js';
export type { ModelToken, ModelToken__Output } from './generated/palyra/common/v1/ModelToken.js';
export type {
  ReplayProtection,
  ReplayProtection__Output,
} from './generated/palyra/common/v1/ReplayProtection.js';
export type { RunStreamEvent, RunStreamEvent__Output } from './generated/palyra/common/v1/RunStreamEvent.js';
export type {
  RunStreamRequest,
  RunStreamRequest__Output,
} from './generated/palyra/common/v1/RunStreamRequest.js';
export {
  _palyra_common_v1_SecurityContext_TrustLevel as SecurityContext_TrustLevel,
  type _palyra_common_v1_SecurityContext_TrustLevel__Output as SecurityContext_TrustLevel__Output,
  type SecurityContext,
  type SecurityContext__Output,
} from './generated/palyra/common/v1/SecurityContext.js';
export {
  _palyra_common_v1_StreamStatus_StatusKind as StreamStatus_StatusKind,
  type _palyra_common_v1_StreamStatus_StatusKind__Output as StreamStatus_StatusKind__Output,
  type StreamStatus,
  type StreamStatus__Output,
} from './generated/palyra/common/v1/StreamStatus.js';
export type {
  ToolApprovalRequest,
  ToolApprovalRequest__Output,
} from './generated/palyra/common/v1/ToolApprovalRequest.js';
export type {
  ToolApprovalResponse,
  ToolApprovalResponse__Output,
} from './generated/palyra/common/v1/ToolApprovalResponse.js';
export type {
  ToolAttestation,
  ToolAttestation__Output,
} from './generated/palyra/common/v1/ToolAttestation.js';
export {
  _palyra_common_v1_ToolDecision_DecisionKind as ToolDecision_DecisionKind,
  type _palyra_common_v1_ToolDecision_DecisionKind__Output as ToolDecision_DecisionKind__Output,
  type ToolDecision,
  type ToolDecision__Output,
} from './generated/palyra/common/v1/ToolDecision.js';
export type { ToolProposal, ToolProposal__Output } from './generated/palyra/common/v1/ToolProposal.js';
export type { ToolResult, ToolResult__Output } from './generated/palyra/common/v1/ToolResult.js';
// palyra.cron.v1
export type { AtSchedule, AtSchedule__Output } from './generated/palyra/cron/v1/AtSchedule.js';
export {
  ConcurrencyPolicy,
  type ConcurrencyPolicy__Output,
} from './generated/palyra/cron/v1/ConcurrencyPolicy.js';
export type {
  CreateJobRequest,
  CreateJobRequest__Output,
} from './generated/palyra/cron/v1/CreateJobRequest.js';
export type {
  CreateJobResponse,
  CreateJobResponse__Output,
} from './generated/palyra/cron/v1/CreateJobResponse.js';
export type { CronSchedule, CronSchedule__Output } from './generated/palyra/cron/v1/CronSchedule.js';
export type {
  CronServiceClient,
  CronServiceDefinition,
  CronServiceHandlers,
} from './generated/palyra/cron/v1/CronService.js';
export type {
  DeleteJobRequest,
  DeleteJobRequest__Output,
} from './generated/palyra/cron/v1/DeleteJobRequest.js';
export type {
  DeleteJobResponse,
  DeleteJobResponse__Output,
} from './generated/palyra/cron/v1/DeleteJobResponse.js';
export type { EverySchedule, EverySchedule__Output } from './generated/palyra/cron/v1/EverySchedule.js';
export type { GetJobRequest, GetJobRequest__Output } from './generated/palyra/cron/v1/GetJobRequest.js';
export type { GetJobResponse, GetJobResponse__Output } from './generated/palyra/cron/v1/GetJobResponse.js';
export type {
  GetJobRunRequest,
  GetJobRunRequest__Output,
} from './generated/palyra/cron/v1/GetJobRunRequest.js';
export type {
  GetJobRunResponse,
  GetJobRunResponse__Output,
} from './generated/palyra/cron/v1/GetJobRunResponse.js';
export type { Job, Job__Output } from './generated/palyra/cron/v1/Job.js';
export type { JobRun, JobRun__Output } from './generated/palyra/cron/v1/JobRun.js';
export { JobRunStatus, type JobRunStatus__Output } from './generated/palyra/cron/v1/JobRunStatus.js';
export type {
  ListJobRunsRequest,
  ListJobRunsRequest__Output,
} from './generated/palyra/cron/v1/ListJobRunsRequest.js';
export type {
  ListJobRunsResponse,
  ListJobRunsResponse__Output,
} from './generated/palyra/cron/v1/ListJobRunsResponse.js';
export type { ListJobsRequest, ListJobsRequest__Output } from './generated/palyra/cron/v1/ListJobsRequest.js';
export type {
  ListJobsResponse,
  ListJobsResponse__Output,
} from './generated/palyra/cron/v1/ListJobsResponse.js';
export { MisfirePolicy, type MisfirePolicy__Output } from './generated/palyra/cron/v1/MisfirePolicy.js';
export type { RetryPolicy, RetryPolicy__Output } from './generated/palyra/cron/v1/RetryPolicy.js';
export type {
  RunJobNowRequest,
  RunJobNowRequest__Output,
} from './generated/palyra/cron/v1/RunJobNowRequest.js';
export type {
  RunJobNowResponse,
  RunJobNowResponse__Output,
} from './generated/palyra/cron/v1/RunJobNowResponse.js';
export type { Schedule, Schedule__Output } from './generated/palyra/cron/v1/Schedule.js';
export { ScheduleType, type ScheduleType__Output } from './generated/palyra/cron/v1/ScheduleType.js';
export type {
  UpdateJobRequest,
  UpdateJobRequest__Output,
} from './generated/palyra/cron/v1/UpdateJobRequest.js';
export type {
  UpdateJobResponse,
  UpdateJobResponse__Output,
} from './generated/palyra/cron/v1/UpdateJobResponse.js';
// palyra.gateway.v1
export type {
  AbortRunRequest,
  AbortRunRequest__Output,
} from './generated/palyra/gateway/v1/AbortRunRequest.js';
export type {
  AbortRunResponse,
  AbortRunResponse__Output,
} from './generated/palyra/gateway/v1/AbortRunResponse.js';
export type { Agent, Agent__Output } from './generated/palyra/gateway/v1/Agent.js';
export type { AgentBinding, AgentBinding__Output } from './generated/palyra/gateway/v1/AgentBinding.js';
export {
  AgentResolutionSource,
  type AgentResolutionSource__Output,
} from './generated/palyra/gateway/v1/AgentResolutionSource.js';
export type {
  AppendEventRequest,
  AppendEventRequest__Output,
} from './generated/palyra/gateway/v1/AppendEventRequest.js';
export type {
  AppendEventResponse,
  AppendEventResponse__Output,
} from './generated/palyra/gateway/v1/AppendEventResponse.js';
export {
  ApprovalDecision,
  type ApprovalDecision__Output,
} from './generated/palyra/gateway/v1/ApprovalDecision.js';
export {
  ApprovalExportFormat,
  type ApprovalExportFormat__Output,
} from './generated/palyra/gateway/v1/ApprovalExportFormat.js';
export type {
  ApprovalPolicySnapshot,
  ApprovalPolicySnapshot__Output,
} from './generated/palyra/gateway/v1/ApprovalPolicySnapshot.js';
export type { ApprovalRecord, ApprovalRecord__Output } from './generated/palyra/gateway/v1/ApprovalRecord.js';
export {
  ApprovalSubjectType,
  type ApprovalSubjectType__Output,
} from './generated/palyra/gateway/v1/ApprovalSubjectType.js';
export type {
  ApprovalsServiceClient,
  ApprovalsServiceDefinition,
  ApprovalsServiceHandlers,
} from './generated/palyra/gateway/v1/ApprovalsService.js';
export type {
  BindAgentForContextRequest,
  BindAgentForContextRequest__Output,
} from './generated/palyra/gateway/v1/BindAgentForContextRequest.js';
export type {
  BindAgentForContextResponse,
  BindAgentForContextResponse__Output,
} from './generated/palyra/gateway/v1/BindAgentForContextResponse.js';
export type { Canvas, Canvas__Output } from './generated/palyra/gateway/v1/Canvas.js';
export type { CanvasAsset, CanvasAsset__Output } from './generated/palyra/gateway/v1/CanvasAsset.js';
export type { CanvasBundle, CanvasBundle__Output } from './generated/palyra/gateway/v1/CanvasBundle.js';
export type {
  CanvasServiceClient,
  CanvasServiceDefinition,
  CanvasServiceHandlers,
} from './generated/palyra/gateway/v1/CanvasService.js';
export type {
  CleanupSessionRequest,
  CleanupSessionRequest__Output,
} from './generated/palyra/gateway/v1/CleanupSessionRequest.js';
export type {
  CleanupSessionResponse,
  CleanupSessionResponse__Output,
} from './generated/palyra/gateway/v1/CleanupSessionResponse.js';
export type {
  CloseCanvasRequest,
  CloseCanvasRequest__Output,
} from './generated/palyra/gateway/v1/CloseCanvasRequest.js';
export type {
  CloseCanvasResponse,
  CloseCanvasResponse__Output,
} from './generated/palyra/gateway/v1/CloseCanvasResponse.js';
export type {
  CreateAgentRequest,
  CreateAgentRequest__Output,
} from './generated/palyra/gateway/v1/CreateAgentRequest.js';
export type {
  CreateAgentResponse,
  CreateAgentResponse__Output,
} from './generated/palyra/gateway/v1/CreateAgentResponse.js';
export type {
  CreateCanvasRequest,
  CreateCanvasRequest__Output,
} from './generated/palyra/gateway/v1/CreateCanvasRequest.js';
export type {
  CreateCanvasResponse,
  CreateCanvasResponse__Output,
} from './generated/palyra/gateway/v1/CreateCanvasResponse.js';
export type {
  DecideApprovalRequest,
  DecideApprovalRequest__Output,
} from './generated/palyra/gateway/v1/DecideApprovalRequest.js';
export type {
  DecideApprovalResponse,
  DecideApprovalResponse__Output,
} from './generated/palyra/gateway/v1/DecideApprovalResponse.js';
export type {
  DeleteAgentRequest,
  DeleteAgentRequest__Output,
} from './generated/palyra/gateway/v1/DeleteAgentRequest.js';
export type {
  DeleteAgentResponse,
  DeleteAgentResponse__Output,
} from './generated/palyra/gateway/v1/DeleteAgentResponse.js';
export type {
  DeleteSecretRequest,
  DeleteSecretRequest__Output,
} from './generated/palyra/gateway/v1/DeleteSecretRequest.js';
export type {
  DeleteSecretResponse,
  DeleteSecretResponse__Output,
} from './generated/palyra/gateway/v1/DeleteSecretResponse.js';
export type {
  ExecutionBackendInventory,
  ExecutionBackendInventory__Output,
} from './generated/palyra/gateway/v1/ExecutionBackendInventory.js';
export type {
  ExportApprovalsRequest,
  ExportApprovalsRequest__Output,
} from './generated/palyra/gateway/v1/ExportApprovalsRequest.js';
export type {
  ExportApprovalsResponse,
  ExportApprovalsResponse__Output,
} from './generated/palyra/gateway/v1/ExportApprovalsResponse.js';
export type {
  GatewayServiceClient,
  GatewayServiceDefinition,
  GatewayServiceHandlers,
} from './generated/palyra/gateway/v1/GatewayService.js';
export type {
  GetAgentRequest,
  GetAgentRequest__Output,
} from './generated/palyra/gateway/v1/GetAgentRequest.js';
export type {
  GetAgentResponse,
  GetAgentResponse__Output,
} from './generated/palyra/gateway/v1/GetAgentResponse.js';
export type {
  GetApprovalRequest,
  GetApprovalRequest__Output,
} from './generated/palyra/gateway/v1/GetApprovalRequest.js';
export type {
  GetApprovalResponse,
  GetApprovalResponse__Output,
} from './generated/palyra/gateway/v1/GetApprovalResponse.js';
export type {
  GetCanvasRequest,
  GetCanvasRequest__Output,
} from './generated/palyra/gateway/v1/GetCanvasRequest.js';
export type {
  GetCanvasResponse,
  GetCanvasResponse__Output,
} from './generated/palyra/gateway/v1/GetCanvasResponse.js';
export type {
  GetSecretRequest,
  GetSecretRequest__Output,
} from './generated/palyra/gateway/v1/GetSecretRequest.js';
export type {
  GetSecretResponse,
  GetSecretResponse__Output,
} from './generated/palyra/gateway/v1/GetSecretResponse.js';
export type { HealthRequest, HealthRequest__Output } from './generated/palyra/gateway/v1/HealthRequest.js';
export type { HealthResponse, HealthResponse__Output } from './generated/palyra/gateway/v1/HealthResponse.js';
export type {
  ListAgentBindingsRequest,
  ListAgentBindingsRequest__Output,
} from './generated/palyra/gateway/v1/ListAgentBindingsRequest.js';
export type {
  ListAgentBindingsResponse,
  ListAgentBindingsResponse__Output,
} from './generated/palyra/gateway/v1/ListAgentBindingsResponse.js';
export type {
  ListAgentsRequest,
  ListAgentsRequest__Output,
} from './generated/palyra/gateway/v1/ListAgentsRequest.js';
export type {
  ListAgentsResponse,
  ListAgentsResponse__Output,
} from './generated/palyra/gateway/v1/ListAgentsResponse.js';
export type {
  ListApprovalsRequest,
  ListApprovalsRequest__Output,
} from './generated/palyra/gateway/v1/ListApprovalsRequest.js';
export type {
  ListApprovalsResponse,
  ListApprovalsResponse__Output,
} from './generated/palyra/gateway/v1/ListApprovalsResponse.js';
export type {
  ListSecretsRequest,
  ListSecretsRequest__Output,
} from './generated/palyra/gateway/v1/ListSecretsRequest.js';
export type {
  ListSecretsResponse,
  ListSecretsResponse__Output,
} from './generated/palyra/gateway/v1/ListSecretsResponse.js';
export type {
  ListSessionsRequest,
  ListSessionsRequest__Output,
} from './generated/palyra/gateway/v1/ListSessionsRequest.js';
export type {
  ListSessionsResponse,
  ListSessionsResponse__Output,
} from './generated/palyra/gateway/v1/ListSessionsResponse.js';
export type {
  OutboundMessage,
  OutboundMessage__Output,
} from './generated/palyra/gateway/v1/OutboundMessage.js';
export type {
  PutSecretRequest,
  PutSecretRequest__Output,
} from './generated/palyra/gateway/v1/PutSecretRequest.js';
export type {
  PutSecretResponse,
  PutSecretResponse__Output,
} from './generated/palyra/gateway/v1/PutSecretResponse.js';
export type {
  ResolveAgentForContextRequest,
  ResolveAgentForContextRequest__Output,
} from './generated/palyra/gateway/v1/ResolveAgentForContextRequest.js';
export type {
  ResolveAgentForContextResponse,
  ResolveAgentForContextResponse__Output,
} from './generated/palyra/gateway/v1/ResolveAgentForContextResponse.js';
export type {
  ResolveSessionRequest,
  ResolveSessionRequest__Output,
} from './generated/palyra/gateway/v1/ResolveSessionRequest.js';
export type {
  ResolveSessionResponse,
  ResolveSessionResponse__Output,
} from './generated/palyra/gateway/v1/ResolveSessionResponse.js';
export type {
  RouteMessageRequest,
  RouteMessageRequest__Output,
} from './generated/palyra/gateway/v1/RouteMessageRequest.js';
export type {
  RouteMessageResponse,
  RouteMessageResponse__Output,
} from './generated/palyra/gateway/v1/RouteMessageResponse.js';
export type { SessionSummary, SessionSummary__Output } from './generated/palyra/gateway/v1/SessionSummary.js';
export type {
  SetDefaultAgentRequest,
  SetDefaultAgentRequest__Output,
} from './generated/palyra/gateway/v1/SetDefaultAgentRequest.js';
export type {
  SetDefaultAgentResponse,
  SetDefaultAgentResponse__Output,
} from './generated/palyra/gateway/v1/SetDefaultAgentResponse.js';
export type {
  SubscribeCanvasUpdatesRequest,
  SubscribeCanvasUpdatesRequest__Output,
} from './generated/palyra/gateway/v1/SubscribeCanvasUpdatesRequest.js';
export type {
  SubscribeCanvasUpdatesResponse,
  SubscribeCanvasUpdatesResponse__Output,
} from './generated/palyra/gateway/v1/SubscribeCanvasUpdatesResponse.js';
export type {
  UnbindAgentForContextRequest,
  UnbindAgentForContextRequest__Output,
} from './generated/palyra/gateway/v1/UnbindAgentForContextRequest.js';
export type {
  UnbindAgentForContextResponse,
  UnbindAgentForContextResponse__Output,
} from './generated/palyra/gateway/v1/UnbindAgentForContextResponse.js';
export type {
  UpdateCanvasRequest,
  UpdateCanvasRequest__Output,
} from './generated/palyra/gateway/v1/UpdateCanvasRequest.js';
export type {
  UpdateCanvasResponse,
  UpdateCanvasResponse__Output,
} from './generated/palyra/gateway/v1/UpdateCanvasResponse.js';
export type {
  VaultSecretMetadata,
  VaultSecretMetadata__Output,
} from './generated/palyra/gateway/v1/VaultSecretMetadata.js';
export type {
  VaultServiceClient,
  VaultServiceDefinition,
  VaultServiceHandlers,
} from './generated/palyra/gateway/v1/VaultService.js';
// palyra.journal.v1 (our addition)
export type {
  JournalServiceClient,
  JournalServiceDefinition,
  JournalServiceHandlers,
} from './generated/palyra/journal/v1/JournalService.js';
export type {
  ListRunEventsRequest,
  ListRunEventsRequest__Output,
} from './generated/palyra/journal/v1/ListRunEventsRequest.js';
export type {
  ListRunEventsResponse,
  ListRunEventsResponse__Output,
} from './generated/palyra/journal/v1/ListRunEventsResponse.js';
export type {
  VerifySessionChainRequest,
  VerifySessionChainRequest__Output,
} from './generated/palyra/journal/v1/VerifySessionChainRequest.js';
export type {
  VerifySessionChainResponse,
  VerifySessionChainResponse__Output,
} from './generated/palyra/journal/v1/VerifySessionChainResponse.js';
// palyra.memory.v1
export type {
  DeleteMemoryItemRequest,
  DeleteMemoryItemRequest__Output,
} from './generated/palyra/memory/v1/DeleteMemoryItemRequest.js';
export type {
  DeleteMemoryItemResponse,
  DeleteMemoryItemResponse__Output,
} from './generated/palyra/memory/v1/DeleteMemoryItemResponse.js';
export type {
  GetMemoryItemRequest,
  GetMemoryItemRequest__Output,
} from './generated/palyra/memory/v1/GetMemoryItemRequest.js';
export type {
  GetMemoryItemResponse,
  GetMemoryItemResponse__Output,
} from './generated/palyra/memory/v1/GetMemoryItemResponse.js';
export type {
  IngestMemoryRequest,
  IngestMemoryRequest__Output,
} from './generated/palyra/memory/v1/IngestMemoryRequest.js';
export type {
  IngestMemoryResponse,
  IngestMemoryResponse__Output,
} from './generated/palyra/memory/v1/IngestMemoryResponse.js';
export type {
  ListMemoryItemsRequest,
  ListMemoryItemsRequest__Output,
} from './generated/palyra/memory/v1/ListMemoryItemsRequest.js';
export type {
  ListMemoryItemsResponse,
  ListMemoryItemsResponse__Output,
} from './generated/palyra/memory/v1/ListMemoryItemsResponse.js';
export type { MemoryItem, MemoryItem__Output } from './generated/palyra/memory/v1/MemoryItem.js';
export type {
  MemoryScoreBreakdown,
  MemoryScoreBreakdown__Output,
} from './generated/palyra/memory/v1/MemoryScoreBreakdown.js';
export type {
  MemorySearchHit,
  MemorySearchHit__Output,
} from './generated/palyra/memory/v1/MemorySearchHit.js';
export type {
  MemoryServiceClient,
  MemoryServiceDefinition,
  MemoryServiceHandlers,
} from './generated/palyra/memory/v1/MemoryService.js';
export { MemorySource, type MemorySource__Output } from './generated/palyra/memory/v1/MemorySource.js';
export type {
  PurgeMemoryRequest,
  PurgeMemoryRequest__Output,
} from './generated/palyra/memory/v1/PurgeMemoryRequest.js';
export type {
  PurgeMemoryResponse,
  PurgeMemoryResponse__Output,
} from './generated/palyra/memory/v1/PurgeMemoryResponse.js';
export type {
  SearchMemoryRequest,
  SearchMemoryRequest__Output,
} from './generated/palyra/memory/v1/SearchMemoryRequest.js';
export type {
  SearchMemoryResponse,
  SearchMemoryResponse__Output,
} from './generated/palyra/memory/v1/SearchMemoryResponse.js';

// Locating and loading the .proto files.
export {
  loadPalyraGrpcObject,
  loadPalyraPackageDefinition,
  type PalyraGrpcObject,
  PROTO_FILES,
  PROTO_LOADER_OPTIONS,
  PROTO_ROOT,
} from './package-definition.js';
