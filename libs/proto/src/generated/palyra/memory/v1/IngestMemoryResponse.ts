// Original file: proto/palyra/v1/memory.proto

import type { MemoryItem as _palyra_memory_v1_MemoryItem, MemoryItem__Output as _palyra_memory_v1_MemoryItem__Output } from '../../../palyra/memory/v1/MemoryItem.js';

export interface IngestMemoryResponse {
  'v'?: (number);
  'item'?: (_palyra_memory_v1_MemoryItem | null);
}

export interface IngestMemoryResponse__Output {
  'v': (number);
  'item': (_palyra_memory_v1_MemoryItem__Output | null);
}
