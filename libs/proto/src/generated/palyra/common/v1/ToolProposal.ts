// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface ToolProposal {
  'proposal_id'?: (_palyra_common_v1_CanonicalId | null);
  'tool_name'?: (string);
  'input_json'?: (Buffer | Uint8Array | string);
  'approval_required'?: (boolean);
}

export interface ToolProposal__Output {
  'proposal_id': (_palyra_common_v1_CanonicalId__Output | null);
  'tool_name': (string);
  'input_json': (Buffer);
  'approval_required': (boolean);
}
