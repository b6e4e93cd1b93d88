// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface GetApprovalRequest {
  'v'?: (number);
  'approval_id'?: (_palyra_common_v1_CanonicalId | null);
}

export interface GetApprovalRequest__Output {
  'v': (number);
  'approval_id': (_palyra_common_v1_CanonicalId__Output | null);
}
