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
import type { DeleteMemoryItemRequest as _palyra_memory_v1_DeleteMemoryItemRequest, DeleteMemoryItemRequest__Output as _palyra_memory_v1_DeleteMemoryItemRequest__Output } from './palyra/memory/v1/DeleteMemoryItemRequest.js';
import type { DeleteMemoryItemResponse as _palyra_memory_v1_DeleteMemoryItemResponse, DeleteMemoryItemResponse__Output as _palyra_memory_v1_DeleteMemoryItemResponse__Output } from './palyra/memory/v1/DeleteMemoryItemResponse.js';
import type { GetMemoryItemRequest as _palyra_memory_v1_GetMemoryItemRequest, GetMemoryItemRequest__Output as _palyra_memory_v1_GetMemoryItemRequest__Output } from './palyra/memory/v1/GetMemoryItemRequest.js';
import type { GetMemoryItemResponse as _palyra_memory_v1_GetMemoryItemResponse, GetMemoryItemResponse__Output as _palyra_memory_v1_GetMemoryItemResponse__Output } from './palyra/memory/v1/GetMemoryItemResponse.js';
import type { IngestMemoryRequest as _palyra_memory_v1_IngestMemoryRequest, IngestMemoryRequest__Output as _palyra_memory_v1_IngestMemoryRequest__Output } from './palyra/memory/v1/IngestMemoryRequest.js';
import type { IngestMemoryResponse as _palyra_memory_v1_IngestMemoryResponse, IngestMemoryResponse__Output as _palyra_memory_v1_IngestMemoryResponse__Output } from './palyra/memory/v1/IngestMemoryResponse.js';
import type { ListMemoryItemsRequest as _palyra_memory_v1_ListMemoryItemsRequest, ListMemoryItemsRequest__Output as _palyra_memory_v1_ListMemoryItemsRequest__Output } from './palyra/memory/v1/ListMemoryItemsRequest.js';
import type { ListMemoryItemsResponse as _palyra_memory_v1_ListMemoryItemsResponse, ListMemoryItemsResponse__Output as _palyra_memory_v1_ListMemoryItemsResponse__Output } from './palyra/memory/v1/ListMemoryItemsResponse.js';
import type { MemoryItem as _palyra_memory_v1_MemoryItem, MemoryItem__Output as _palyra_memory_v1_MemoryItem__Output } from './palyra/memory/v1/MemoryItem.js';
import type { MemoryScoreBreakdown as _palyra_memory_v1_MemoryScoreBreakdown, MemoryScoreBreakdown__Output as _palyra_memory_v1_MemoryScoreBreakdown__Output } from './palyra/memory/v1/MemoryScoreBreakdown.js';
import type { MemorySearchHit as _palyra_memory_v1_MemorySearchHit, MemorySearchHit__Output as _palyra_memory_v1_MemorySearchHit__Output } from './palyra/memory/v1/MemorySearchHit.js';
import type { MemoryServiceClient as _palyra_memory_v1_MemoryServiceClient, MemoryServiceDefinition as _palyra_memory_v1_MemoryServiceDefinition } from './palyra/memory/v1/MemoryService.js';
import type { PurgeMemoryRequest as _palyra_memory_v1_PurgeMemoryRequest, PurgeMemoryRequest__Output as _palyra_memory_v1_PurgeMemoryRequest__Output } from './palyra/memory/v1/PurgeMemoryRequest.js';
import type { PurgeMemoryResponse as _palyra_memory_v1_PurgeMemoryResponse, PurgeMemoryResponse__Output as _palyra_memory_v1_PurgeMemoryResponse__Output } from './palyra/memory/v1/PurgeMemoryResponse.js';
import type { SearchMemoryRequest as _palyra_memory_v1_SearchMemoryRequest, SearchMemoryRequest__Output as _palyra_memory_v1_SearchMemoryRequest__Output } from './palyra/memory/v1/SearchMemoryRequest.js';
import type { SearchMemoryResponse as _palyra_memory_v1_SearchMemoryResponse, SearchMemoryResponse__Output as _palyra_memory_v1_SearchMemoryResponse__Output } from './palyra/memory/v1/SearchMemoryResponse.js';

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
    memory: {
      v1: {
        DeleteMemoryItemRequest: MessageTypeDefinition<_palyra_memory_v1_DeleteMemoryItemRequest, _palyra_memory_v1_DeleteMemoryItemRequest__Output>
        DeleteMemoryItemResponse: MessageTypeDefinition<_palyra_memory_v1_DeleteMemoryItemResponse, _palyra_memory_v1_DeleteMemoryItemResponse__Output>
        GetMemoryItemRequest: MessageTypeDefinition<_palyra_memory_v1_GetMemoryItemRequest, _palyra_memory_v1_GetMemoryItemRequest__Output>
        GetMemoryItemResponse: MessageTypeDefinition<_palyra_memory_v1_GetMemoryItemResponse, _palyra_memory_v1_GetMemoryItemResponse__Output>
        IngestMemoryRequest: MessageTypeDefinition<_palyra_memory_v1_IngestMemoryRequest, _palyra_memory_v1_IngestMemoryRequest__Output>
        IngestMemoryResponse: MessageTypeDefinition<_palyra_memory_v1_IngestMemoryResponse, _palyra_memory_v1_IngestMemoryResponse__Output>
        ListMemoryItemsRequest: MessageTypeDefinition<_palyra_memory_v1_ListMemoryItemsRequest, _palyra_memory_v1_ListMemoryItemsRequest__Output>
        ListMemoryItemsResponse: MessageTypeDefinition<_palyra_memory_v1_ListMemoryItemsResponse, _palyra_memory_v1_ListMemoryItemsResponse__Output>
        MemoryItem: MessageTypeDefinition<_palyra_memory_v1_MemoryItem, _palyra_memory_v1_MemoryItem__Output>
        MemoryScoreBreakdown: MessageTypeDefinition<_palyra_memory_v1_MemoryScoreBreakdown, _palyra_memory_v1_MemoryScoreBreakdown__Output>
        MemorySearchHit: MessageTypeDefinition<_palyra_memory_v1_MemorySearchHit, _palyra_memory_v1_MemorySearchHit__Output>
        MemoryService: SubtypeConstructor<typeof grpc.Client, _palyra_memory_v1_MemoryServiceClient> & { service: _palyra_memory_v1_MemoryServiceDefinition }
        MemorySource: EnumTypeDefinition
        PurgeMemoryRequest: MessageTypeDefinition<_palyra_memory_v1_PurgeMemoryRequest, _palyra_memory_v1_PurgeMemoryRequest__Output>
        PurgeMemoryResponse: MessageTypeDefinition<_palyra_memory_v1_PurgeMemoryResponse, _palyra_memory_v1_PurgeMemoryResponse__Output>
        SearchMemoryRequest: MessageTypeDefinition<_palyra_memory_v1_SearchMemoryRequest, _palyra_memory_v1_SearchMemoryRequest__Output>
        SearchMemoryResponse: MessageTypeDefinition<_palyra_memory_v1_SearchMemoryResponse, _palyra_memory_v1_SearchMemoryResponse__Output>
      }
    }
  }
}
