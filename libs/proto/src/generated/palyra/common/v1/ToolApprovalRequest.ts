// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { ApprovalPrompt as _palyra_common_v1_ApprovalPrompt, ApprovalPrompt__Output as _palyra_common_v1_ApprovalPrompt__Output } from '../../../palyra/common/v1/ApprovalPrompt.js';

export interface ToolApprovalRequest {
  'proposal_id'?: (_palyra_common_v1_CanonicalId | null);
  'tool_name'?: (string);
  'input_json'?: (Buffer | Uint8Array | string);
  'approval_required'?: (boolean);
  'approval_id'?: (_palyra_common_v1_CanonicalId | null);
  'prompt'?: (_palyra_common_v1_ApprovalPrompt | null);
  'request_summary'?: (string);
}

export interface ToolApprovalRequest__Output {
  'proposal_id': (_palyra_common_v1_CanonicalId__Output | null);
  'tool_name': (string);
  'input_json': (Buffer);
  'approval_required': (boolean);
  'approval_id': (_palyra_common_v1_CanonicalId__Output | null);
  'prompt': (_palyra_common_v1_ApprovalPrompt__Output | null);
  'request_summary': (string);
}
