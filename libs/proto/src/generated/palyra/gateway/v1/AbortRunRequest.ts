// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface AbortRunRequest {
  'v'?: (number);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'reason'?: (string);
}

export interface AbortRunRequest__Output {
  'v': (number);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'reason': (string);
}
