// Original file: proto/palyra/v1/gateway.proto

import type { ApprovalDecision as _palyra_gateway_v1_ApprovalDecision, ApprovalDecision__Output as _palyra_gateway_v1_ApprovalDecision__Output } from '../../../palyra/gateway/v1/ApprovalDecision.js';
import type { ApprovalSubjectType as _palyra_gateway_v1_ApprovalSubjectType, ApprovalSubjectType__Output as _palyra_gateway_v1_ApprovalSubjectType__Output } from '../../../palyra/gateway/v1/ApprovalSubjectType.js';
import type { Long } from '@grpc/proto-loader';

export interface ListApprovalsRequest {
  'v'?: (number);
  'after_approval_ulid'?: (string);
  'limit'?: (number);
  'since_unix_ms'?: (number | string | Long);
  'until_unix_ms'?: (number | string | Long);
  'subject_id'?: (string);
  'principal'?: (string);
  'decision'?: (_palyra_gateway_v1_ApprovalDecision);
  'subject_type'?: (_palyra_gateway_v1_ApprovalSubjectType);
}

export interface ListApprovalsRequest__Output {
  'v': (number);
  'after_approval_ulid': (string);
  'limit': (number);
  'since_unix_ms': (number);
  'until_unix_ms': (number);
  'subject_id': (string);
  'principal': (string);
  'decision': (_palyra_gateway_v1_ApprovalDecision__Output);
  'subject_type': (_palyra_gateway_v1_ApprovalSubjectType__Output);
}
