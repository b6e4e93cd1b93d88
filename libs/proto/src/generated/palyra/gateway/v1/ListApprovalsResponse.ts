// Original file: proto/palyra/v1/gateway.proto

import type { ApprovalRecord as _palyra_gateway_v1_ApprovalRecord, ApprovalRecord__Output as _palyra_gateway_v1_ApprovalRecord__Output } from '../../../palyra/gateway/v1/ApprovalRecord.js';

export interface ListApprovalsResponse {
  'v'?: (number);
  'approvals'?: (_palyra_gateway_v1_ApprovalRecord)[];
  'next_after_approval_ulid'?: (string);
}

export interface ListApprovalsResponse__Output {
  'v': (number);
  'approvals': (_palyra_gateway_v1_ApprovalRecord__Output)[];
  'next_after_approval_ulid': (string);
}
