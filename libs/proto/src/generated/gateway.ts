import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { A2uiUpdate as _palyra_common_v1_A2uiUpdate, A2uiUpdate__Output as _palyra_common_v1_A2uiUpdate__Output } from './palyra/common/v1/A2uiUpdate.js';
import type { ApprovalOption as _palyra_common_v1_ApprovalOption, ApprovalOption__Output as _palyra_common_v1_ApprovalOption__Output } from './palyra/common/v1/ApprovalOption.js';
import type { ApprovalPrompt as _palyra_common_v1_ApprovalPrompt, ApprovalPrompt__Output as _palyra_common_v1_ApprovalPrompt__Output } from './palyra/common/v1/ApprovalPrompt.js';
import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from './palyra/common/v1/CanonicalId.js';
import type { EnvelopeOrigin as _palyra_common_v1_EnvelopeOrigin, EnvelopeOrigin__Output as _palyra_common_v1_EnvelopeOrigin__Output } from './palyra/common/v1/EnvelopeOrigin.js';
import type { JournalEvent as _palyra_common_v1_JournalEvent, JournalEvent__Output as _palyra_common_v1_JournalEvent__Output } from './palyra/common/v1/JournalEvent.js';
import type { MessageAttachment as _palyra_common_v1_MessageAttachment, MessageAttachment__Output as _palyra_common_v1_MessageAttachment__Output } from './palyra/common/v1/MessageAttachment.js';
import type { MessageContent as _palyra_common_v1_MessageContent, MessageContent__Output as _palyra_common_v1_MessageContent__Output } from './palyra/common/v1/MessageContent.js';
import type { MessageEnvelope as _palyra_common_v1_MessageEnvelope, MessageEnvelope__Output as _palyra_common_v1_MessageEnvelope__Output } from './palyra/common/v1/MessageEnvelope.js';
import type { ModelToken as _palyra_common_v1_ModelToken, ModelToken__Output as _palyra_common_v1_ModelToken__Output } from './palyra/common/v1/ModelToken.js';
import type { ReplayProtection as _palyra_common_v1_ReplayProtection, ReplayProtection__Output as _palyra_common_v1_ReplayProtection__Output } from './palyra/common/v1/ReplayProtection.js';
import type { RunStreamEvent as _palyra_common_v1_RunStreamEvent, RunStreamEvent__Output as _palyra_common_v1_RunStreamEvent__Output } from './palyra/common/v1/RunStreamEvent.js';
import type { RunStreamRequest as _palyra_common_v1_RunStreamRequest, RunStreamRequest__Output as _palyra_common_v1_RunStreamRequest__Output } from './palyra/common/v1/RunStreamRequest.js';
import type { SecurityContext as _palyra_common_v1_SecurityContext, SecurityContext__Output as _palyra_common_v1_SecurityContext__Output } from './palyra/common/v1/SecurityContext.js';
import type { StreamStatus as _palyra_common_v1_StreamStatus, StreamStatus__Output as _palyra_common_v1_StreamStatus__Output } from './palyra/common/v1/StreamStatus.js';
import type { ToolApprovalRequest as _palyra_common_v1_ToolApprovalRequest, ToolApprovalRequest__Output as _palyra_common_v1_ToolApprovalRequest__Output } from './palyra/common/v1/ToolApprovalRequest.js';
import type { ToolApprovalResponse as _palyra_common_v1_ToolApprovalResponse, ToolApprovalResponse__Output as _palyra_common_v1_ToolApprovalResponse__Output } from './palyra/common/v1/ToolApprovalResponse.js';
import type { ToolAttestation as _palyra_common_v1_ToolAttestation, ToolAttestation__Output as _palyra_common_v1_ToolAttestation__Output } from './palyra/common/v1/ToolAttestation.js';
import type { ToolDecision as _palyra_common_v1_ToolDecision, ToolDecision__Output as _palyra_common_v1_ToolDecision__Output } from './palyra/common/v1/ToolDecision.js';
import type { ToolProposal as _palyra_common_v1_ToolProposal, ToolProposal__Output as _palyra_common_v1_ToolProposal__Output } from './palyra/common/v1/ToolProposal.js';
import type { ToolResult as _palyra_common_v1_ToolResult, ToolResult__Output as _palyra_common_v1_ToolResult__Output } from './palyra/common/v1/ToolResult.js';
import type { AbortRunRequest as _palyra_gateway_v1_AbortRunRequest, AbortRunRequest__Output as _palyra_gateway_v1_AbortRunRequest__Output } from './palyra/gateway/v1/AbortRunRequest.js';
import type { AbortRunResponse as _palyra_gateway_v1_AbortRunResponse, AbortRunResponse__Output as _palyra_gateway_v1_AbortRunResponse__Output } from './palyra/gateway/v1/AbortRunResponse.js';
import type { Agent as _palyra_gateway_v1_Agent, Agent__Output as _palyra_gateway_v1_Agent__Output } from './palyra/gateway/v1/Agent.js';
import type { AgentBinding as _palyra_gateway_v1_AgentBinding, AgentBinding__Output as _palyra_gateway_v1_AgentBinding__Output } from './palyra/gateway/v1/AgentBinding.js';
import type { AppendEventRequest as _palyra_gateway_v1_AppendEventRequest, AppendEventRequest__Output as _palyra_gateway_v1_AppendEventRequest__Output } from './palyra/gateway/v1/AppendEventRequest.js';
import type { AppendEventResponse as _palyra_gateway_v1_AppendEventResponse, AppendEventResponse__Output as _palyra_gateway_v1_AppendEventResponse__Output } from './palyra/gateway/v1/AppendEventResponse.js';
import type { ApprovalPolicySnapshot as _palyra_gateway_v1_ApprovalPolicySnapshot, ApprovalPolicySnapshot__Output as _palyra_gateway_v1_ApprovalPolicySnapshot__Output } from './palyra/gateway/v1/ApprovalPolicySnapshot.js';
import type { ApprovalRecord as _palyra_gateway_v1_ApprovalRecord, ApprovalRecord__Output as _palyra_gateway_v1_ApprovalRecord__Output } from './palyra/gateway/v1/ApprovalRecord.js';
import type { ApprovalsServiceClient as _palyra_gateway_v1_ApprovalsServiceClient, ApprovalsServiceDefinition as _palyra_gateway_v1_ApprovalsServiceDefinition } from './palyra/gateway/v1/ApprovalsService.js';
import type { BindAgentForContextRequest as _palyra_gateway_v1_BindAgentForContextRequest, BindAgentForContextRequest__Output as _palyra_gateway_v1_BindAgentForContextRequest__Output } from './palyra/gateway/v1/BindAgentForContextRequest.js';
import type { BindAgentForContextResponse as _palyra_gateway_v1_BindAgentForContextResponse, BindAgentForContextResponse__Output as _palyra_gateway_v1_BindAgentForContextResponse__Output } from './palyra/gateway/v1/BindAgentForContextResponse.js';
import type { Canvas as _palyra_gateway_v1_Canvas, Canvas__Output as _palyra_gateway_v1_Canvas__Output } from './palyra/gateway/v1/Canvas.js';
import type { CanvasAsset as _palyra_gateway_v1_CanvasAsset, CanvasAsset__Output as _palyra_gateway_v1_CanvasAsset__Output } from './palyra/gateway/v1/CanvasAsset.js';
import type { CanvasBundle as _palyra_gateway_v1_CanvasBundle, CanvasBundle__Output as _palyra_gateway_v1_CanvasBundle__Output } from './palyra/gateway/v1/CanvasBundle.js';
import type { CanvasServiceClient as _palyra_gateway_v1_CanvasServiceClient, CanvasServiceDefinition as _palyra_gateway_v1_CanvasServiceDefinition } from './palyra/gateway/v1/CanvasService.js';
import type { CleanupSessionRequest as _palyra_gateway_v1_CleanupSessionRequest, CleanupSessionRequest__Output as _palyra_gateway_v1_CleanupSessionRequest__Output } from './palyra/gateway/v1/CleanupSessionRequest.js';
import type { CleanupSessionResponse as _palyra_gateway_v1_CleanupSessionResponse, CleanupSessionResponse__Output as _palyra_gateway_v1_CleanupSessionResponse__Output } from './palyra/gateway/v1/CleanupSessionResponse.js';
import type { CloseCanvasRequest as _palyra_gateway_v1_CloseCanvasRequest, CloseCanvasRequest__Output as _palyra_gateway_v1_CloseCanvasRequest__Output } from './palyra/gateway/v1/CloseCanvasRequest.js';
import type { CloseCanvasResponse as _palyra_gateway_v1_CloseCanvasResponse, CloseCanvasResponse__Output as _palyra_gateway_v1_CloseCanvasResponse__Output } from './palyra/gateway/v1/CloseCanvasResponse.js';
import type { CreateAgentRequest as _palyra_gateway_v1_CreateAgentRequest, CreateAgentRequest__Output as _palyra_gateway_v1_CreateAgentRequest__Output } from './palyra/gateway/v1/CreateAgentRequest.js';
import type { CreateAgentResponse as _palyra_gateway_v1_CreateAgentResponse, CreateAgentResponse__Output as _palyra_gateway_v1_CreateAgentResponse__Output } from './palyra/gateway/v1/CreateAgentResponse.js';
import type { CreateCanvasRequest as _palyra_gateway_v1_CreateCanvasRequest, CreateCanvasRequest__Output as _palyra_gateway_v1_CreateCanvasRequest__Output } from './palyra/gateway/v1/CreateCanvasRequest.js';
import type { CreateCanvasResponse as _palyra_gateway_v1_CreateCanvasResponse, CreateCanvasResponse__Output as _palyra_gateway_v1_CreateCanvasResponse__Output } from './palyra/gateway/v1/CreateCanvasResponse.js';
import type { DecideApprovalRequest as _palyra_gateway_v1_DecideApprovalRequest, DecideApprovalRequest__Output as _palyra_gateway_v1_DecideApprovalRequest__Output } from './palyra/gateway/v1/DecideApprovalRequest.js';
import type { DecideApprovalResponse as _palyra_gateway_v1_DecideApprovalResponse, DecideApprovalResponse__Output as _palyra_gateway_v1_DecideApprovalResponse__Output } from './palyra/gateway/v1/DecideApprovalResponse.js';
import type { DeleteAgentRequest as _palyra_gateway_v1_DeleteAgentRequest, DeleteAgentRequest__Output as _palyra_gateway_v1_DeleteAgentRequest__Output } from './palyra/gateway/v1/DeleteAgentRequest.js';
import type { DeleteAgentResponse as _palyra_gateway_v1_DeleteAgentResponse, DeleteAgentResponse__Output as _palyra_gateway_v1_DeleteAgentResponse__Output } from './palyra/gateway/v1/DeleteAgentResponse.js';
import type { DeleteSecretRequest as _palyra_gateway_v1_DeleteSecretRequest, DeleteSecretRequest__Output as _palyra_gateway_v1_DeleteSecretRequest__Output } from './palyra/gateway/v1/DeleteSecretRequest.js';
import type { DeleteSecretResponse as _palyra_gateway_v1_DeleteSecretResponse, DeleteSecretResponse__Output as _palyra_gateway_v1_DeleteSecretResponse__Output } from './palyra/gateway/v1/DeleteSecretResponse.js';
import type { ExecutionBackendInventory as _palyra_gateway_v1_ExecutionBackendInventory, ExecutionBackendInventory__Output as _palyra_gateway_v1_ExecutionBackendInventory__Output } from './palyra/gateway/v1/ExecutionBackendInventory.js';
import type { ExportApprovalsRequest as _palyra_gateway_v1_ExportApprovalsRequest, ExportApprovalsRequest__Output as _palyra_gateway_v1_ExportApprovalsRequest__Output } from './palyra/gateway/v1/ExportApprovalsRequest.js';
import type { ExportApprovalsResponse as _palyra_gateway_v1_ExportApprovalsResponse, ExportApprovalsResponse__Output as _palyra_gateway_v1_ExportApprovalsResponse__Output } from './palyra/gateway/v1/ExportApprovalsResponse.js';
import type { GatewayServiceClient as _palyra_gateway_v1_GatewayServiceClient, GatewayServiceDefinition as _palyra_gateway_v1_GatewayServiceDefinition } from './palyra/gateway/v1/GatewayService.js';
import type { GetAgentRequest as _palyra_gateway_v1_GetAgentRequest, GetAgentRequest__Output as _palyra_gateway_v1_GetAgentRequest__Output } from './palyra/gateway/v1/GetAgentRequest.js';
import type { GetAgentResponse as _palyra_gateway_v1_GetAgentResponse, GetAgentResponse__Output as _palyra_gateway_v1_GetAgentResponse__Output } from './palyra/gateway/v1/GetAgentResponse.js';
import type { GetApprovalRequest as _palyra_gateway_v1_GetApprovalRequest, GetApprovalRequest__Output as _palyra_gateway_v1_GetApprovalRequest__Output } from './palyra/gateway/v1/GetApprovalRequest.js';
import type { GetApprovalResponse as _palyra_gateway_v1_GetApprovalResponse, GetApprovalResponse__Output as _palyra_gateway_v1_GetApprovalResponse__Output } from './palyra/gateway/v1/GetApprovalResponse.js';
import type { GetCanvasRequest as _palyra_gateway_v1_GetCanvasRequest, GetCanvasRequest__Output as _palyra_gateway_v1_GetCanvasRequest__Output } from './palyra/gateway/v1/GetCanvasRequest.js';
import type { GetCanvasResponse as _palyra_gateway_v1_GetCanvasResponse, GetCanvasResponse__Output as _palyra_gateway_v1_GetCanvasResponse__Output } from './palyra/gateway/v1/GetCanvasResponse.js';
import type { GetSecretRequest as _palyra_gateway_v1_GetSecretRequest, GetSecretRequest__Output as _palyra_gateway_v1_GetSecretRequest__Output } from './palyra/gateway/v1/GetSecretRequest.js';
import type { GetSecretResponse as _palyra_gateway_v1_GetSecretResponse, GetSecretResponse__Output as _palyra_gateway_v1_GetSecretResponse__Output } from './palyra/gateway/v1/GetSecretResponse.js';
import type { HealthRequest as _palyra_gateway_v1_HealthRequest, HealthRequest__Output as _palyra_gateway_v1_HealthRequest__Output } from './palyra/gateway/v1/HealthRequest.js';
import type { HealthResponse as _palyra_gateway_v1_HealthResponse, HealthResponse__Output as _palyra_gateway_v1_HealthResponse__Output } from './palyra/gateway/v1/HealthResponse.js';
import type { ListAgentBindingsRequest as _palyra_gateway_v1_ListAgentBindingsRequest, ListAgentBindingsRequest__Output as _palyra_gateway_v1_ListAgentBindingsRequest__Output } from './palyra/gateway/v1/ListAgentBindingsRequest.js';
import type { ListAgentBindingsResponse as _palyra_gateway_v1_ListAgentBindingsResponse, ListAgentBindingsResponse__Output as _palyra_gateway_v1_ListAgentBindingsResponse__Output } from './palyra/gateway/v1/ListAgentBindingsResponse.js';
import type { ListAgentsRequest as _palyra_gateway_v1_ListAgentsRequest, ListAgentsRequest__Output as _palyra_gateway_v1_ListAgentsRequest__Output } from './palyra/gateway/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _palyra_gateway_v1_ListAgentsResponse, ListAgentsResponse__Output as _palyra_gateway_v1_ListAgentsResponse__Output } from './palyra/gateway/v1/ListAgentsResponse.js';
import type { ListApprovalsRequest as _palyra_gateway_v1_ListApprovalsRequest, ListApprovalsRequest__Output as _palyra_gateway_v1_ListApprovalsRequest__Output } from './palyra/gateway/v1/ListApprovalsRequest.js';
import type { ListApprovalsResponse as _palyra_gateway_v1_ListApprovalsResponse, ListApprovalsResponse__Output as _palyra_gateway_v1_ListApprovalsResponse__Output } from './palyra/gateway/v1/ListApprovalsResponse.js';
import type { ListSecretsRequest as _palyra_gateway_v1_ListSecretsRequest, ListSecretsRequest__Output as _palyra_gateway_v1_ListSecretsRequest__Output } from './palyra/gateway/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _palyra_gateway_v1_ListSecretsResponse, ListSecretsResponse__Output as _palyra_gateway_v1_ListSecretsResponse__Output } from './palyra/gateway/v1/ListSecretsResponse.js';
import type { ListSessionsRequest as _palyra_gateway_v1_ListSessionsRequest, ListSessionsRequest__Output as _palyra_gateway_v1_ListSessionsRequest__Output } from './palyra/gateway/v1/ListSessionsRequest.js';
import type { ListSessionsResponse as _palyra_gateway_v1_ListSessionsResponse, ListSessionsResponse__Output as _palyra_gateway_v1_ListSessionsResponse__Output } from './palyra/gateway/v1/ListSessionsResponse.js';
import type { OutboundMessage as _palyra_gateway_v1_OutboundMessage, OutboundMessage__Output as _palyra_gateway_v1_OutboundMessage__Output } from './palyra/gateway/v1/OutboundMessage.js';
import type { PutSecretRequest as _palyra_gateway_v1_PutSecretRequest, PutSecretRequest__Output as _palyra_gateway_v1_PutSecretRequest__Output } from './palyra/gateway/v1/PutSecretRequest.js';
import type { PutSecretResponse as _palyra_gateway_v1_PutSecretResponse, PutSecretResponse__Output as _palyra_gateway_v1_PutSecretResponse__Output } from './palyra/gateway/v1/PutSecretResponse.js';
import type { ResolveAgentForContextRequest as _palyra_gateway_v1_ResolveAgentForContextRequest, ResolveAgentForContextRequest__Output as _palyra_gateway_v1_ResolveAgentForContextRequest__Output } from './palyra/gateway/v1/ResolveAgentForContextRequest.js';
import type { ResolveAgentForContextResponse as _palyra_gateway_v1_ResolveAgentForContextResponse, ResolveAgentForContextResponse__Output as _palyra_gateway_v1_ResolveAgentForContextResponse__Output } from './palyra/gateway/v1/ResolveAgentForContextResponse.js';
import type { ResolveSessionRequest as _palyra_gateway_v1_ResolveSessionRequest, ResolveSessionRequest__Output as _palyra_gateway_v1_ResolveSessionRequest__Output } from './palyra/gateway/v1/ResolveSessionRequest.js';
import type { ResolveSessionResponse as _palyra_gateway_v1_ResolveSessionResponse, ResolveSessionResponse__Output as _palyra_gateway_v1_ResolveSessionResponse__Output } from './palyra/gateway/v1/ResolveSessionResponse.js';
import type { RouteMessageRequest as _palyra_gateway_v1_RouteMessageRequest, RouteMessageRequest__Output as _palyra_gateway_v1_RouteMessageRequest__Output } from './palyra/gateway/v1/RouteMessageRequest.js';
import type { RouteMessageResponse as _palyra_gateway_v1_RouteMessageResponse, RouteMessageResponse__Output as _palyra_gateway_v1_RouteMessageResponse__Output } from './palyra/gateway/v1/RouteMessageResponse.js';
import type { SessionSummary as _palyra_gateway_v1_SessionSummary, SessionSummary__Output as _palyra_gateway_v1_SessionSummary__Output } from './palyra/gateway/v1/SessionSummary.js';
import type { SetDefaultAgentRequest as _palyra_gateway_v1_SetDefaultAgentRequest, SetDefaultAgentRequest__Output as _palyra_gateway_v1_SetDefaultAgentRequest__Output } from './palyra/gateway/v1/SetDefaultAgentRequest.js';
import type { SetDefaultAgentResponse as _palyra_gateway_v1_SetDefaultAgentResponse, SetDefaultAgentResponse__Output as _palyra_gateway_v1_SetDefaultAgentResponse__Output } from './palyra/gateway/v1/SetDefaultAgentResponse.js';
import type { SubscribeCanvasUpdatesRequest as _palyra_gateway_v1_SubscribeCanvasUpdatesRequest, SubscribeCanvasUpdatesRequest__Output as _palyra_gateway_v1_SubscribeCanvasUpdatesRequest__Output } from './palyra/gateway/v1/SubscribeCanvasUpdatesRequest.js';
import type { SubscribeCanvasUpdatesResponse as _palyra_gateway_v1_SubscribeCanvasUpdatesResponse, SubscribeCanvasUpdatesResponse__Output as _palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output } from './palyra/gateway/v1/SubscribeCanvasUpdatesResponse.js';
import type { UnbindAgentForContextRequest as _palyra_gateway_v1_UnbindAgentForContextRequest, UnbindAgentForContextRequest__Output as _palyra_gateway_v1_UnbindAgentForContextRequest__Output } from './palyra/gateway/v1/UnbindAgentForContextRequest.js';
import type { UnbindAgentForContextResponse as _palyra_gateway_v1_UnbindAgentForContextResponse, UnbindAgentForContextResponse__Output as _palyra_gateway_v1_UnbindAgentForContextResponse__Output } from './palyra/gateway/v1/UnbindAgentForContextResponse.js';
import type { UpdateCanvasRequest as _palyra_gateway_v1_UpdateCanvasRequest, UpdateCanvasRequest__Output as _palyra_gateway_v1_UpdateCanvasRequest__Output } from './palyra/gateway/v1/UpdateCanvasRequest.js';
import type { UpdateCanvasResponse as _palyra_gateway_v1_UpdateCanvasResponse, UpdateCanvasResponse__Output as _palyra_gateway_v1_UpdateCanvasResponse__Output } from './palyra/gateway/v1/UpdateCanvasResponse.js';
import type { VaultSecretMetadata as _palyra_gateway_v1_VaultSecretMetadata, VaultSecretMetadata__Output as _palyra_gateway_v1_VaultSecretMetadata__Output } from './palyra/gateway/v1/VaultSecretMetadata.js';
import type { VaultServiceClient as _palyra_gateway_v1_VaultServiceClient, VaultServiceDefinition as _palyra_gateway_v1_VaultServiceDefinition } from './palyra/gateway/v1/VaultService.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  palyra: {
    common: {
      v1: {
        A2uiUpdate: MessageTypeDefinition<_palyra_common_v1_A2uiUpdate, _palyra_common_v1_A2uiUpdate__Output>
        ApprovalDecisionScope: EnumTypeDefinition
        ApprovalOption: MessageTypeDefinition<_palyra_common_v1_ApprovalOption, _palyra_common_v1_ApprovalOption__Output>
        ApprovalPrompt: MessageTypeDefinition<_palyra_common_v1_ApprovalPrompt, _palyra_common_v1_ApprovalPrompt__Output>
        ApprovalRiskLevel: EnumTypeDefinition
        CanonicalId: MessageTypeDefinition<_palyra_common_v1_CanonicalId, _palyra_common_v1_CanonicalId__Output>
        EnvelopeOrigin: MessageTypeDefinition<_palyra_common_v1_EnvelopeOrigin, _palyra_common_v1_EnvelopeOrigin__Output>
        JournalEvent: MessageTypeDefinition<_palyra_common_v1_JournalEvent, _palyra_common_v1_JournalEvent__Output>
        MessageAttachment: MessageTypeDefinition<_palyra_common_v1_MessageAttachment, _palyra_common_v1_MessageAttachment__Output>
        MessageContent: MessageTypeDefinition<_palyra_common_v1_MessageContent, _palyra_common_v1_MessageContent__Output>
        MessageEnvelope: MessageTypeDefinition<_palyra_common_v1_MessageEnvelope, _palyra_common_v1_MessageEnvelope__Output>
        ModelToken: MessageTypeDefinition<_palyra_common_v1_ModelToken, _palyra_common_v1_ModelToken__Output>
        ReplayProtection: MessageTypeDefinition<_palyra_common_v1_ReplayProtection, _palyra_common_v1_ReplayProtection__Output>
        RunStreamEvent: MessageTypeDefinition<_palyra_common_v1_RunStreamEvent, _palyra_common_v1_RunStreamEvent__Output>
        RunStreamRequest: MessageTypeDefinition<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamRequest__Output>
        SecurityContext: MessageTypeDefinition<_palyra_common_v1_SecurityContext, _palyra_common_v1_SecurityContext__Output>
        StreamStatus: MessageTypeDefinition<_palyra_common_v1_StreamStatus, _palyra_common_v1_StreamStatus__Output>
        ToolApprovalRequest: MessageTypeDefinition<_palyra_common_v1_ToolApprovalRequest, _palyra_common_v1_ToolApprovalRequest__Output>
        ToolApprovalResponse: MessageTypeDefinition<_palyra_common_v1_ToolApprovalResponse, _palyra_common_v1_ToolApprovalResponse__Output>
        ToolAttestation: MessageTypeDefinition<_palyra_common_v1_ToolAttestation, _palyra_common_v1_ToolAttestation__Output>
        ToolDecision: MessageTypeDefinition<_palyra_common_v1_ToolDecision, _palyra_common_v1_ToolDecision__Output>
        ToolProposal: MessageTypeDefinition<_palyra_common_v1_ToolProposal, _palyra_common_v1_ToolProposal__Output>
        ToolResult: MessageTypeDefinition<_palyra_common_v1_ToolResult, _palyra_common_v1_ToolResult__Output>
      }
    }
    gateway: {
      v1: {
        AbortRunRequest: MessageTypeDefinition<_palyra_gateway_v1_AbortRunRequest, _palyra_gateway_v1_AbortRunRequest__Output>
        AbortRunResponse: MessageTypeDefinition<_palyra_gateway_v1_AbortRunResponse, _palyra_gateway_v1_AbortRunResponse__Output>
        Agent: MessageTypeDefinition<_palyra_gateway_v1_Agent, _palyra_gateway_v1_Agent__Output>
        AgentBinding: MessageTypeDefinition<_palyra_gateway_v1_AgentBinding, _palyra_gateway_v1_AgentBinding__Output>
        AgentResolutionSource: EnumTypeDefinition
        AppendEventRequest: MessageTypeDefinition<_palyra_gateway_v1_AppendEventRequest, _palyra_gateway_v1_AppendEventRequest__Output>
        AppendEventResponse: MessageTypeDefinition<_palyra_gateway_v1_AppendEventResponse, _palyra_gateway_v1_AppendEventResponse__Output>
        ApprovalDecision: EnumTypeDefinition
        ApprovalExportFormat: EnumTypeDefinition
        ApprovalPolicySnapshot: MessageTypeDefinition<_palyra_gateway_v1_ApprovalPolicySnapshot, _palyra_gateway_v1_ApprovalPolicySnapshot__Output>
        ApprovalRecord: MessageTypeDefinition<_palyra_gateway_v1_ApprovalRecord, _palyra_gateway_v1_ApprovalRecord__Output>
        ApprovalSubjectType: EnumTypeDefinition
        ApprovalsService: SubtypeConstructor<typeof grpc.Client, _palyra_gateway_v1_ApprovalsServiceClient> & { service: _palyra_gateway_v1_ApprovalsServiceDefinition }
        BindAgentForContextRequest: MessageTypeDefinition<_palyra_gateway_v1_BindAgentForContextRequest, _palyra_gateway_v1_BindAgentForContextRequest__Output>
        BindAgentForContextResponse: MessageTypeDefinition<_palyra_gateway_v1_BindAgentForContextResponse, _palyra_gateway_v1_BindAgentForContextResponse__Output>
        Canvas: MessageTypeDefinition<_palyra_gateway_v1_Canvas, _palyra_gateway_v1_Canvas__Output>
        CanvasAsset: MessageTypeDefinition<_palyra_gateway_v1_CanvasAsset, _palyra_gateway_v1_CanvasAsset__Output>
        CanvasBundle: MessageTypeDefinition<_palyra_gateway_v1_CanvasBundle, _palyra_gateway_v1_CanvasBundle__Output>
        CanvasService: SubtypeConstructor<typeof grpc.Client, _palyra_gateway_v1_CanvasServiceClient> & { service: _palyra_gateway_v1_CanvasServiceDefinition }
        CleanupSessionRequest: MessageTypeDefinition<_palyra_gateway_v1_CleanupSessionRequest, _palyra_gateway_v1_CleanupSessionRequest__Output>
        CleanupSessionResponse: MessageTypeDefinition<_palyra_gateway_v1_CleanupSessionResponse, _palyra_gateway_v1_CleanupSessionResponse__Output>
        CloseCanvasRequest: MessageTypeDefinition<_palyra_gateway_v1_CloseCanvasRequest, _palyra_gateway_v1_CloseCanvasRequest__Output>
        CloseCanvasResponse: MessageTypeDefinition<_palyra_gateway_v1_CloseCanvasResponse, _palyra_gateway_v1_CloseCanvasResponse__Output>
        CreateAgentRequest: MessageTypeDefinition<_palyra_gateway_v1_CreateAgentRequest, _palyra_gateway_v1_CreateAgentRequest__Output>
        CreateAgentResponse: MessageTypeDefinition<_palyra_gateway_v1_CreateAgentResponse, _palyra_gateway_v1_CreateAgentResponse__Output>
        CreateCanvasRequest: MessageTypeDefinition<_palyra_gateway_v1_CreateCanvasRequest, _palyra_gateway_v1_CreateCanvasRequest__Output>
        CreateCanvasResponse: MessageTypeDefinition<_palyra_gateway_v1_CreateCanvasResponse, _palyra_gateway_v1_CreateCanvasResponse__Output>
        DecideApprovalRequest: MessageTypeDefinition<_palyra_gateway_v1_DecideApprovalRequest, _palyra_gateway_v1_DecideApprovalRequest__Output>
        DecideApprovalResponse: MessageTypeDefinition<_palyra_gateway_v1_DecideApprovalResponse, _palyra_gateway_v1_DecideApprovalResponse__Output>
        DeleteAgentRequest: MessageTypeDefinition<_palyra_gateway_v1_DeleteAgentRequest, _palyra_gateway_v1_DeleteAgentRequest__Output>
        DeleteAgentResponse: MessageTypeDefinition<_palyra_gateway_v1_DeleteAgentResponse, _palyra_gateway_v1_DeleteAgentResponse__Output>
        DeleteSecretRequest: MessageTypeDefinition<_palyra_gateway_v1_DeleteSecretRequest, _palyra_gateway_v1_DeleteSecretRequest__Output>
        DeleteSecretResponse: MessageTypeDefinition<_palyra_gateway_v1_DeleteSecretResponse, _palyra_gateway_v1_DeleteSecretResponse__Output>
        ExecutionBackendInventory: MessageTypeDefinition<_palyra_gateway_v1_ExecutionBackendInventory, _palyra_gateway_v1_ExecutionBackendInventory__Output>
        ExportApprovalsRequest: MessageTypeDefinition<_palyra_gateway_v1_ExportApprovalsRequest, _palyra_gateway_v1_ExportApprovalsRequest__Output>
        ExportApprovalsResponse: MessageTypeDefinition<_palyra_gateway_v1_ExportApprovalsResponse, _palyra_gateway_v1_ExportApprovalsResponse__Output>
        GatewayService: SubtypeConstructor<typeof grpc.Client, _palyra_gateway_v1_GatewayServiceClient> & { service: _palyra_gateway_v1_GatewayServiceDefinition }
        GetAgentRequest: MessageTypeDefinition<_palyra_gateway_v1_GetAgentRequest, _palyra_gateway_v1_GetAgentRequest__Output>
        GetAgentResponse: MessageTypeDefinition<_palyra_gateway_v1_GetAgentResponse, _palyra_gateway_v1_GetAgentResponse__Output>
        GetApprovalRequest: MessageTypeDefinition<_palyra_gateway_v1_GetApprovalRequest, _palyra_gateway_v1_GetApprovalRequest__Output>
        GetApprovalResponse: MessageTypeDefinition<_palyra_gateway_v1_GetApprovalResponse, _palyra_gateway_v1_GetApprovalResponse__Output>
        GetCanvasRequest: MessageTypeDefinition<_palyra_gateway_v1_GetCanvasRequest, _palyra_gateway_v1_GetCanvasRequest__Output>
        GetCanvasResponse: MessageTypeDefinition<_palyra_gateway_v1_GetCanvasResponse, _palyra_gateway_v1_GetCanvasResponse__Output>
        GetSecretRequest: MessageTypeDefinition<_palyra_gateway_v1_GetSecretRequest, _palyra_gateway_v1_GetSecretRequest__Output>
        GetSecretResponse: MessageTypeDefinition<_palyra_gateway_v1_GetSecretResponse, _palyra_gateway_v1_GetSecretResponse__Output>
        HealthRequest: MessageTypeDefinition<_palyra_gateway_v1_HealthRequest, _palyra_gateway_v1_HealthRequest__Output>
        HealthResponse: MessageTypeDefinition<_palyra_gateway_v1_HealthResponse, _palyra_gateway_v1_HealthResponse__Output>
        ListAgentBindingsRequest: MessageTypeDefinition<_palyra_gateway_v1_ListAgentBindingsRequest, _palyra_gateway_v1_ListAgentBindingsRequest__Output>
        ListAgentBindingsResponse: MessageTypeDefinition<_palyra_gateway_v1_ListAgentBindingsResponse, _palyra_gateway_v1_ListAgentBindingsResponse__Output>
        ListAgentsRequest: MessageTypeDefinition<_palyra_gateway_v1_ListAgentsRequest, _palyra_gateway_v1_ListAgentsRequest__Output>
        ListAgentsResponse: MessageTypeDefinition<_palyra_gateway_v1_ListAgentsResponse, _palyra_gateway_v1_ListAgentsResponse__Output>
        ListApprovalsRequest: MessageTypeDefinition<_palyra_gateway_v1_ListApprovalsRequest, _palyra_gateway_v1_ListApprovalsRequest__Output>
        ListApprovalsResponse: MessageTypeDefinition<_palyra_gateway_v1_ListApprovalsResponse, _palyra_gateway_v1_ListApprovalsResponse__Output>
        ListSecretsRequest: MessageTypeDefinition<_palyra_gateway_v1_ListSecretsRequest, _palyra_gateway_v1_ListSecretsRequest__Output>
        ListSecretsResponse: MessageTypeDefinition<_palyra_gateway_v1_ListSecretsResponse, _palyra_gateway_v1_ListSecretsResponse__Output>
        ListSessionsRequest: MessageTypeDefinition<_palyra_gateway_v1_ListSessionsRequest, _palyra_gateway_v1_ListSessionsRequest__Output>
        ListSessionsResponse: MessageTypeDefinition<_palyra_gateway_v1_ListSessionsResponse, _palyra_gateway_v1_ListSessionsResponse__Output>
        OutboundMessage: MessageTypeDefinition<_palyra_gateway_v1_OutboundMessage, _palyra_gateway_v1_OutboundMessage__Output>
        PutSecretRequest: MessageTypeDefinition<_palyra_gateway_v1_PutSecretRequest, _palyra_gateway_v1_PutSecretRequest__Output>
        PutSecretResponse: MessageTypeDefinition<_palyra_gateway_v1_PutSecretResponse, _palyra_gateway_v1_PutSecretResponse__Output>
        ResolveAgentForContextRequest: MessageTypeDefinition<_palyra_gateway_v1_ResolveAgentForContextRequest, _palyra_gateway_v1_ResolveAgentForContextRequest__Output>
        ResolveAgentForContextResponse: MessageTypeDefinition<_palyra_gateway_v1_ResolveAgentForContextResponse, _palyra_gateway_v1_ResolveAgentForContextResponse__Output>
        ResolveSessionRequest: MessageTypeDefinition<_palyra_gateway_v1_ResolveSessionRequest, _palyra_gateway_v1_ResolveSessionRequest__Output>
        ResolveSessionResponse: MessageTypeDefinition<_palyra_gateway_v1_ResolveSessionResponse, _palyra_gateway_v1_ResolveSessionResponse__Output>
        RouteMessageRequest: MessageTypeDefinition<_palyra_gateway_v1_RouteMessageRequest, _palyra_gateway_v1_RouteMessageRequest__Output>
        RouteMessageResponse: MessageTypeDefinition<_palyra_gateway_v1_RouteMessageResponse, _palyra_gateway_v1_RouteMessageResponse__Output>
        SessionSummary: MessageTypeDefinition<_palyra_gateway_v1_SessionSummary, _palyra_gateway_v1_SessionSummary__Output>
        SetDefaultAgentRequest: MessageTypeDefinition<_palyra_gateway_v1_SetDefaultAgentRequest, _palyra_gateway_v1_SetDefaultAgentRequest__Output>
        SetDefaultAgentResponse: MessageTypeDefinition<_palyra_gateway_v1_SetDefaultAgentResponse, _palyra_gateway_v1_SetDefaultAgentResponse__Output>
        SubscribeCanvasUpdatesRequest: MessageTypeDefinition<_palyra_gateway_v1_SubscribeCanvasUpdatesRequest, _palyra_gateway_v1_SubscribeCanvasUpdatesRequest__Output>
        SubscribeCanvasUpdatesResponse: MessageTypeDefinition<_palyra_gateway_v1_SubscribeCanvasUpdatesResponse, _palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output>
        UnbindAgentForContextRequest: MessageTypeDefinition<_palyra_gateway_v1_UnbindAgentForContextRequest, _palyra_gateway_v1_UnbindAgentForContextRequest__Output>
        UnbindAgentForContextResponse: MessageTypeDefinition<_palyra_gateway_v1_UnbindAgentForContextResponse, _palyra_gateway_v1_UnbindAgentForContextResponse__Output>
        UpdateCanvasRequest: MessageTypeDefinition<_palyra_gateway_v1_UpdateCanvasRequest, _palyra_gateway_v1_UpdateCanvasRequest__Output>
        UpdateCanvasResponse: MessageTypeDefinition<_palyra_gateway_v1_UpdateCanvasResponse, _palyra_gateway_v1_UpdateCanvasResponse__Output>
        VaultSecretMetadata: MessageTypeDefinition<_palyra_gateway_v1_VaultSecretMetadata, _palyra_gateway_v1_VaultSecretMetadata__Output>
        VaultService: SubtypeConstructor<typeof grpc.Client, _palyra_gateway_v1_VaultServiceClient> & { service: _palyra_gateway_v1_VaultServiceDefinition }
      }
    }
  }
}
