// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_ToolDecision_DecisionKind = {
  DECISION_KIND_UNSPECIFIED: 'DECISION_KIND_UNSPECIFIED',
  DECISION_KIND_ALLOW: 'DECISION_KIND_ALLOW',
  DECISION_KIND_DENY: 'DECISION_KIND_DENY',
} as const;

export type _palyra_common_v1_ToolDecision_DecisionKind =
  | 'DECISION_KIND_UNSPECIFIED'
  | 0
  | 'DECISION_KIND_ALLOW'
  | 1
  | 'DECISION_KIND_DENY'
  | 2

export type _palyra_common_v1_ToolDecision_DecisionKind__Output = typeof _palyra_common_v1_ToolDecision_DecisionKind[keyof typeof _palyra_common_v1_ToolDecision_DecisionKind]

export interface ToolDecision {
  'proposal_id'?: (_palyra_common_v1_CanonicalId | null);
  'kind'?: (_palyra_common_v1_ToolDecision_DecisionKind);
  'reason'?: (string);
  'approval_required'?: (boolean);
  'policy_enforced'?: (boolean);
}

export interface ToolDecision__Output {
  'proposal_id': (_palyra_common_v1_CanonicalId__Output | null);
  'kind': (_palyra_common_v1_ToolDecision_DecisionKind__Output);
  'reason': (string);
  'approval_required': (boolean);
  'policy_enforced': (boolean);
}
