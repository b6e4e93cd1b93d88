// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { ApprovalSubjectType as _palyra_gateway_v1_ApprovalSubjectType, ApprovalSubjectType__Output as _palyra_gateway_v1_ApprovalSubjectType__Output } from '../../../palyra/gateway/v1/ApprovalSubjectType.js';
import type { ApprovalDecision as _palyra_gateway_v1_ApprovalDecision, ApprovalDecision__Output as _palyra_gateway_v1_ApprovalDecision__Output } from '../../../palyra/gateway/v1/ApprovalDecision.js';
import type { ApprovalDecisionScope as _palyra_common_v1_ApprovalDecisionScope, ApprovalDecisionScope__Output as _palyra_common_v1_ApprovalDecisionScope__Output } from '../../../palyra/common/v1/ApprovalDecisionScope.js';
import type { ApprovalPolicySnapshot as _palyra_gateway_v1_ApprovalPolicySnapshot, ApprovalPolicySnapshot__Output as _palyra_gateway_v1_ApprovalPolicySnapshot__Output } from '../../../palyra/gateway/v1/ApprovalPolicySnapshot.js';
import type { ApprovalPrompt as _palyra_common_v1_ApprovalPrompt, ApprovalPrompt__Output as _palyra_common_v1_ApprovalPrompt__Output } from '../../../palyra/common/v1/ApprovalPrompt.js';
import type { Long } from '@grpc/proto-loader';

export interface ApprovalRecord {
  'v'?: (number);
  'approval_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'principal'?: (string);
  'device_id'?: (string);
  'channel'?: (string);
  'requested_at_unix_ms'?: (number | string | Long);
  'resolved_at_unix_ms'?: (number | string | Long);
  'subject_type'?: (_palyra_gateway_v1_ApprovalSubjectType);
  'subject_id'?: (string);
  'request_summary'?: (string);
  'decision'?: (_palyra_gateway_v1_ApprovalDecision);
  'decision_scope'?: (_palyra_common_v1_ApprovalDecisionScope);
  'policy_snapshot'?: (_palyra_gateway_v1_ApprovalPolicySnapshot | null);
  'prompt'?: (_palyra_common_v1_ApprovalPrompt | null);
  'decision_reason'?: (string);
  'decision_scope_ttl_ms'?: (number | string | Long);
}

export interface ApprovalRecord__Output {
  'v': (number);
  'approval_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'principal': (string);
  'device_id': (string);
  'channel': (string);
  'requested_at_unix_ms': (number);
  'resolved_at_unix_ms': (number);
  'subject_type': (_palyra_gateway_v1_ApprovalSubjectType__Output);
  'subject_id': (string);
  'request_summary': (string);
  'decision': (_palyra_gateway_v1_ApprovalDecision__Output);
  'decision_scope': (_palyra_common_v1_ApprovalDecisionScope__Output);
  'policy_snapshot': (_palyra_gateway_v1_ApprovalPolicySnapshot__Output | null);
  'prompt': (_palyra_common_v1_ApprovalPrompt__Output | null);
  'decision_reason': (string);
  'decision_scope_ttl_ms': (number);
}
