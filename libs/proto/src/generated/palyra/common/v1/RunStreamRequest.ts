// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { MessageEnvelope as _palyra_common_v1_MessageEnvelope, MessageEnvelope__Output as _palyra_common_v1_MessageEnvelope__Output } from '../../../palyra/common/v1/MessageEnvelope.js';
import type { ToolApprovalResponse as _palyra_common_v1_ToolApprovalResponse, ToolApprovalResponse__Output as _palyra_common_v1_ToolApprovalResponse__Output } from '../../../palyra/common/v1/ToolApprovalResponse.js';
import type { Long } from '@grpc/proto-loader';

export interface RunStreamRequest {
  'v'?: (number);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'input'?: (_palyra_common_v1_MessageEnvelope | null);
  'allow_sensitive_tools'?: (boolean);
  'session_key'?: (string);
  'session_label'?: (string);
  'reset_session'?: (boolean);
  'require_existing'?: (boolean);
  'tool_approval_response'?: (_palyra_common_v1_ToolApprovalResponse | null);
  'origin_kind'?: (string);
  'origin_run_id'?: (_palyra_common_v1_CanonicalId | null);
  'parameter_delta_json'?: (Buffer | Uint8Array | string);
  'queued_input_id'?: (_palyra_common_v1_CanonicalId | null);
  'resume_from_seq'?: (number | string | Long);
}

export interface RunStreamRequest__Output {
  'v': (number);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'input': (_palyra_common_v1_MessageEnvelope__Output | null);
  'allow_sensitive_tools': (boolean);
  'session_key': (string);
  'session_label': (string);
  'reset_session': (boolean);
  'require_existing': (boolean);
  'tool_approval_response': (_palyra_common_v1_ToolApprovalResponse__Output | null);
  'origin_kind': (string);
  'origin_run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'parameter_delta_json': (Buffer);
  'queued_input_id': (_palyra_common_v1_CanonicalId__Output | null);
  'resume_from_seq': (number);
}
