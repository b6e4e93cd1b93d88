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
import type { JournalServiceClient as _palyra_journal_v1_JournalServiceClient, JournalServiceDefinition as _palyra_journal_v1_JournalServiceDefinition } from './palyra/journal/v1/JournalService.js';
import type { ListRunEventsRequest as _palyra_journal_v1_ListRunEventsRequest, ListRunEventsRequest__Output as _palyra_journal_v1_ListRunEventsRequest__Output } from './palyra/journal/v1/ListRunEventsRequest.js';
import type { ListRunEventsResponse as _palyra_journal_v1_ListRunEventsResponse, ListRunEventsResponse__Output as _palyra_journal_v1_ListRunEventsResponse__Output } from './palyra/journal/v1/ListRunEventsResponse.js';
import type { VerifySessionChainRequest as _palyra_journal_v1_VerifySessionChainRequest, VerifySessionChainRequest__Output as _palyra_journal_v1_VerifySessionChainRequest__Output } from './palyra/journal/v1/VerifySessionChainRequest.js';
import type { VerifySessionChainResponse as _palyra_journal_v1_VerifySessionChainResponse, VerifySessionChainResponse__Output as _palyra_journal_v1_VerifySessionChainResponse__Output } from './palyra/journal/v1/VerifySessionChainResponse.js';

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
    journal: {
      v1: {
        JournalService: SubtypeConstructor<typeof grpc.Client, _palyra_journal_v1_JournalServiceClient> & { service: _palyra_journal_v1_JournalServiceDefinition }
        ListRunEventsRequest: MessageTypeDefinition<_palyra_journal_v1_ListRunEventsRequest, _palyra_journal_v1_ListRunEventsRequest__Output>
        ListRunEventsResponse: MessageTypeDefinition<_palyra_journal_v1_ListRunEventsResponse, _palyra_journal_v1_ListRunEventsResponse__Output>
        VerifySessionChainRequest: MessageTypeDefinition<_palyra_journal_v1_VerifySessionChainRequest, _palyra_journal_v1_VerifySessionChainRequest__Output>
        VerifySessionChainResponse: MessageTypeDefinition<_palyra_journal_v1_VerifySessionChainResponse, _palyra_journal_v1_VerifySessionChainResponse__Output>
      }
    }
  }
}
