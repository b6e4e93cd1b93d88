// Original file: proto/palyra/v1/memory.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { MemorySource as _palyra_memory_v1_MemorySource, MemorySource__Output as _palyra_memory_v1_MemorySource__Output } from '../../../palyra/memory/v1/MemorySource.js';

export interface ListMemoryItemsRequest {
  'v'?: (number);
  'after_memory_ulid'?: (string);
  'limit'?: (number);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'tags'?: (string)[];
  'sources'?: (_palyra_memory_v1_MemorySource)[];
}

export interface ListMemoryItemsRequest__Output {
  'v': (number);
  'after_memory_ulid': (string);
  'limit': (number);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'tags': (string)[];
  'sources': (_palyra_memory_v1_MemorySource__Output)[];
}
