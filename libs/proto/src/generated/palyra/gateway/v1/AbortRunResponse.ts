// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface AbortRunResponse {
  'v'?: (number);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'cancel_requested'?: (boolean);
  'reason'?: (string);
}

export interface AbortRunResponse__Output {
  'v': (number);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'cancel_requested': (boolean);
  'reason': (string);
}
