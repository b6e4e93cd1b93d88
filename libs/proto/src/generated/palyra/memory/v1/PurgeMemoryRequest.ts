// Original file: proto/palyra/v1/memory.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface PurgeMemoryRequest {
  'v'?: (number);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'purge_all_principal'?: (boolean);
}

export interface PurgeMemoryRequest__Output {
  'v': (number);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'purge_all_principal': (boolean);
}
