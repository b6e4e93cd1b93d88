// Original file: proto/palyra/v1/gateway.proto

import type { ApprovalRecord as _palyra_gateway_v1_ApprovalRecord, ApprovalRecord__Output as _palyra_gateway_v1_ApprovalRecord__Output } from '../../../palyra/gateway/v1/ApprovalRecord.js';

export interface GetApprovalResponse {
  'v'?: (number);
  'approval'?: (_palyra_gateway_v1_ApprovalRecord | null);
}

export interface GetApprovalResponse__Output {
  'v': (number);
  'approval': (_palyra_gateway_v1_ApprovalRecord__Output | null);
}
