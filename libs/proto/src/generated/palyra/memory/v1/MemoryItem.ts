// Original file: proto/palyra/v1/memory.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { MemorySource as _palyra_memory_v1_MemorySource, MemorySource__Output as _palyra_memory_v1_MemorySource__Output } from '../../../palyra/memory/v1/MemorySource.js';
import type { Long } from '@grpc/proto-loader';

export interface MemoryItem {
  'v'?: (number);
  'memory_id'?: (_palyra_common_v1_CanonicalId | null);
  'principal'?: (string);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'source'?: (_palyra_memory_v1_MemorySource);
  'content_text'?: (string);
  'content_hash'?: (string);
  'tags'?: (string)[];
  'confidence'?: (number | string);
  'ttl_unix_ms'?: (number | string | Long);
  'created_at_unix_ms'?: (number | string | Long);
  'updated_at_unix_ms'?: (number | string | Long);
}

export interface MemoryItem__Output {
  'v': (number);
  'memory_id': (_palyra_common_v1_CanonicalId__Output | null);
  'principal': (string);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'source': (_palyra_memory_v1_MemorySource__Output);
  'content_text': (string);
  'content_hash': (string);
  'tags': (string)[];
  'confidence': (number);
  'ttl_unix_ms': (number);
  'created_at_unix_ms': (number);
  'updated_at_unix_ms': (number);
}
