// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { ModelToken as _palyra_common_v1_ModelToken, ModelToken__Output as _palyra_common_v1_ModelToken__Output } from '../../../palyra/common/v1/ModelToken.js';
import type { ToolProposal as _palyra_common_v1_ToolProposal, ToolProposal__Output as _palyra_common_v1_ToolProposal__Output } from '../../../palyra/common/v1/ToolProposal.js';
import type { ToolResult as _palyra_common_v1_ToolResult, ToolResult__Output as _palyra_common_v1_ToolResult__Output } from '../../../palyra/common/v1/ToolResult.js';
import type { A2uiUpdate as _palyra_common_v1_A2uiUpdate, A2uiUpdate__Output as _palyra_common_v1_A2uiUpdate__Output } from '../../../palyra/common/v1/A2uiUpdate.js';
import type { StreamStatus as _palyra_common_v1_StreamStatus, StreamStatus__Output as _palyra_common_v1_StreamStatus__Output } from '../../../palyra/common/v1/StreamStatus.js';
import type { JournalEvent as _palyra_common_v1_JournalEvent, JournalEvent__Output as _palyra_common_v1_JournalEvent__Output } from '../../../palyra/common/v1/JournalEvent.js';
import type { ToolDecision as _palyra_common_v1_ToolDecision, ToolDecision__Output as _palyra_common_v1_ToolDecision__Output } from '../../../palyra/common/v1/ToolDecision.js';
import type { ToolAttestation as _palyra_common_v1_ToolAttestation, ToolAttestation__Output as _palyra_common_v1_ToolAttestation__Output } from '../../../palyra/common/v1/ToolAttestation.js';
import type { ToolApprovalRequest as _palyra_common_v1_ToolApprovalRequest, ToolApprovalRequest__Output as _palyra_common_v1_ToolApprovalRequest__Output } from '../../../palyra/common/v1/ToolApprovalRequest.js';
import type { ToolApprovalResponse as _palyra_common_v1_ToolApprovalResponse, ToolApprovalResponse__Output as _palyra_common_v1_ToolApprovalResponse__Output } from '../../../palyra/common/v1/ToolApprovalResponse.js';
import type { Long } from '@grpc/proto-loader';

export interface RunStreamEvent {
  'v'?: (number);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'model_token'?: (_palyra_common_v1_ModelToken | null);
  'tool_proposal'?: (_palyra_common_v1_ToolProposal | null);
  'tool_result'?: (_palyra_common_v1_ToolResult | null);
  'a2ui_update'?: (_palyra_common_v1_A2uiUpdate | null);
  'status'?: (_palyra_common_v1_StreamStatus | null);
  'journal_event'?: (_palyra_common_v1_JournalEvent | null);
  'tool_decision'?: (_palyra_common_v1_ToolDecision | null);
  'tool_attestation'?: (_palyra_common_v1_ToolAttestation | null);
  'tool_approval_request'?: (_palyra_common_v1_ToolApprovalRequest | null);
  'tool_approval_response'?: (_palyra_common_v1_ToolApprovalResponse | null);
  'seq'?: (number | string | Long);
  'timestamp_unix_ms'?: (number | string | Long);
  'body'?: "model_token"|"tool_proposal"|"tool_result"|"a2ui_update"|"status"|"journal_event"|"tool_decision"|"tool_attestation"|"tool_approval_request"|"tool_approval_response";
}

export interface RunStreamEvent__Output {
  'v': (number);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'model_token'?: (_palyra_common_v1_ModelToken__Output | null);
  'tool_proposal'?: (_palyra_common_v1_ToolProposal__Output | null);
  'tool_result'?: (_palyra_common_v1_ToolResult__Output | null);
  'a2ui_update'?: (_palyra_common_v1_A2uiUpdate__Output | null);
  'status'?: (_palyra_common_v1_StreamStatus__Output | null);
  'journal_event'?: (_palyra_common_v1_JournalEvent__Output | null);
  'tool_decision'?: (_palyra_common_v1_ToolDecision__Output | null);
  'tool_attestation'?: (_palyra_common_v1_ToolAttestation__Output | null);
  'tool_approval_request'?: (_palyra_common_v1_ToolApprovalRequest__Output | null);
  'tool_approval_response'?: (_palyra_common_v1_ToolApprovalResponse__Output | null);
  'seq': (number);
  'timestamp_unix_ms': (number);
  'body'?: "model_token"|"tool_proposal"|"tool_result"|"a2ui_update"|"status"|"journal_event"|"tool_decision"|"tool_attestation"|"tool_approval_request"|"tool_approval_response";
}
