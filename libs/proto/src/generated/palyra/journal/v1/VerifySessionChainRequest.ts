// Original file: proto/palyra/v1/journal.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface VerifySessionChainRequest {
  'v'?: (number);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
}

export interface VerifySessionChainRequest__Output {
  'v': (number);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
}
