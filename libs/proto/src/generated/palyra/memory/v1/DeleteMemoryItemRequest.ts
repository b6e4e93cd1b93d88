// Original file: proto/palyra/v1/memory.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface DeleteMemoryItemRequest {
  'v'?: (number);
  'memory_id'?: (_palyra_common_v1_CanonicalId | null);
}

export interface DeleteMemoryItemRequest__Output {
  'v': (number);
  'memory_id': (_palyra_common_v1_CanonicalId__Output | null);
}
