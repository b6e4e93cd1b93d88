// Original file: proto/palyra/v1/memory.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { MemorySource as _palyra_memory_v1_MemorySource, MemorySource__Output as _palyra_memory_v1_MemorySource__Output } from '../../../palyra/memory/v1/MemorySource.js';

export interface SearchMemoryRequest {
  'v'?: (number);
  'query'?: (string);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'top_k'?: (number);
  'min_score'?: (number | string);
  'tags'?: (string)[];
  'sources'?: (_palyra_memory_v1_MemorySource)[];
  'include_score_breakdown'?: (boolean);
}

export interface SearchMemoryRequest__Output {
  'v': (number);
  'query': (string);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'top_k': (number);
  'min_score': (number);
  'tags': (string)[];
  'sources': (_palyra_memory_v1_MemorySource__Output)[];
  'include_score_breakdown': (boolean);
}
