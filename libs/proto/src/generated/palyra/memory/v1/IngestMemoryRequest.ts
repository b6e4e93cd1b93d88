// Original file: proto/palyra/v1/memory.proto

import type { MemorySource as _palyra_memory_v1_MemorySource, MemorySource__Output as _palyra_memory_v1_MemorySource__Output } from '../../../palyra/memory/v1/MemorySource.js';
import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface IngestMemoryRequest {
  'v'?: (number);
  'source'?: (_palyra_memory_v1_MemorySource);
  'content_text'?: (string);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'tags'?: (string)[];
  'confidence'?: (number | string);
  'ttl_unix_ms'?: (number | string | Long);
}

export interface IngestMemoryRequest__Output {
  'v': (number);
  'source': (_palyra_memory_v1_MemorySource__Output);
  'content_text': (string);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'tags': (string)[];
  'confidence': (number);
  'ttl_unix_ms': (number);
}
