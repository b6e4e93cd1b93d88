// Original file: proto/palyra/v1/gateway.proto

import type { Long } from '@grpc/proto-loader';

export interface VaultSecretMetadata {
  'scope'?: (string);
  'key'?: (string);
  'created_at_unix_ms'?: (number | string | Long);
  'updated_at_unix_ms'?: (number | string | Long);
  'value_bytes'?: (number);
}

export interface VaultSecretMetadata__Output {
  'scope': (string);
  'key': (string);
  'created_at_unix_ms': (number);
  'updated_at_unix_ms': (number);
  'value_bytes': (number);
}
