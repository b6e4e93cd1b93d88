// Original file: proto/palyra/v1/common.proto

import type { Long } from '@grpc/proto-loader';

export interface ReplayProtection {
  'nonce'?: (string);
  'timestamp_unix_ms'?: (number | string | Long);
  'signature'?: (string);
}

export interface ReplayProtection__Output {
  'nonce': (string);
  'timestamp_unix_ms': (number);
  'signature': (string);
}
