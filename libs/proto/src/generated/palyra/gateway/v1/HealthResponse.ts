// Original file: proto/palyra/v1/gateway.proto

import type { Long } from '@grpc/proto-loader';

export interface HealthResponse {
  'v'?: (number);
  'service'?: (string);
  'status'?: (string);
  'version'?: (string);
  'git_hash'?: (string);
  'build_profile'?: (string);
  'uptime_seconds'?: (number | string | Long);
}

export interface HealthResponse__Output {
  'v': (number);
  'service': (string);
  'status': (string);
  'version': (string);
  'git_hash': (string);
  'build_profile': (string);
  'uptime_seconds': (number);
}
