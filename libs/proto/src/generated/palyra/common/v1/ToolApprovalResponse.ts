// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { ApprovalDecisionScope as _palyra_common_v1_ApprovalDecisionScope, ApprovalDecisionScope__Output as _palyra_common_v1_ApprovalDecisionScope__Output } from '../../../palyra/common/v1/ApprovalDecisionScope.js';
import type { Long } from '@grpc/proto-loader';

export interface ToolApprovalResponse {
  'proposal_id'?: (_palyra_common_v1_CanonicalId | null);
  'approved'?: (boolean);
  'reason'?: (string);
  'approval_id'?: (_palyra_common_v1_CanonicalId | null);
  'decision_scope'?: (_palyra_common_v1_ApprovalDecisionScope);
  'decision_scope_ttl_ms'?: (number | string | Long);
}

export interface ToolApprovalResponse__Output {
  'proposal_id': (_palyra_common_v1_CanonicalId__Output | null);
  'approved': (boolean);
  'reason': (string);
  'approval_id': (_palyra_common_v1_CanonicalId__Output | null);
  'decision_scope': (_palyra_common_v1_ApprovalDecisionScope__Output);
  'decision_scope_ttl_ms': (number);
}
