// Original file: proto/palyra/v1/memory.proto

import type { MemorySearchHit as _palyra_memory_v1_MemorySearchHit, MemorySearchHit__Output as _palyra_memory_v1_MemorySearchHit__Output } from '../../../palyra/memory/v1/MemorySearchHit.js';

export interface SearchMemoryResponse {
  'v'?: (number);
  'hits'?: (_palyra_memory_v1_MemorySearchHit)[];
}

export interface SearchMemoryResponse__Output {
  'v': (number);
  'hits': (_palyra_memory_v1_MemorySearchHit__Output)[];
}
