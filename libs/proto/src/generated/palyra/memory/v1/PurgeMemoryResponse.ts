// Original file: proto/palyra/v1/memory.proto

import type { Long } from '@grpc/proto-loader';

export interface PurgeMemoryResponse {
  'v'?: (number);
  'deleted_count'?: (number | string | Long);
}

export interface PurgeMemoryResponse__Output {
  'v': (number);
  'deleted_count': (number);
}
