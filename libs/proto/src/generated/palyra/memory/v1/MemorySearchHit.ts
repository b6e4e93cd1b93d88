// Original file: proto/palyra/v1/memory.proto

import type { MemoryItem as _palyra_memory_v1_MemoryItem, MemoryItem__Output as _palyra_memory_v1_MemoryItem__Output } from '../../../palyra/memory/v1/MemoryItem.js';
import type { MemoryScoreBreakdown as _palyra_memory_v1_MemoryScoreBreakdown, MemoryScoreBreakdown__Output as _palyra_memory_v1_MemoryScoreBreakdown__Output } from '../../../palyra/memory/v1/MemoryScoreBreakdown.js';

export interface MemorySearchHit {
  'item'?: (_palyra_memory_v1_MemoryItem | null);
  'snippet'?: (string);
  'score'?: (number | string);
  'breakdown'?: (_palyra_memory_v1_MemoryScoreBreakdown | null);
}

export interface MemorySearchHit__Output {
  'item': (_palyra_memory_v1_MemoryItem__Output | null);
  'snippet': (string);
  'score': (number);
  'breakdown': (_palyra_memory_v1_MemoryScoreBreakdown__Output | null);
}
