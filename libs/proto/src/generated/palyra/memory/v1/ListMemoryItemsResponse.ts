// Original file: proto/palyra/v1/memory.proto

import type { MemoryItem as _palyra_memory_v1_MemoryItem, MemoryItem__Output as _palyra_memory_v1_MemoryItem__Output } from '../../../palyra/memory/v1/MemoryItem.js';

export interface ListMemoryItemsResponse {
  'v'?: (number);
  'items'?: (_palyra_memory_v1_MemoryItem)[];
  'next_after_memory_ulid'?: (string);
}

export interface ListMemoryItemsResponse__Output {
  'v': (number);
  'items': (_palyra_memory_v1_MemoryItem__Output)[];
  'next_after_memory_ulid': (string);
}
