// Original file: proto/palyra/v1/cron.proto

import type { Long } from '@grpc/proto-loader';

export interface RetryPolicy {
  'max_attempts'?: (number);
  'backoff_ms'?: (number | string | Long);
}

export interface RetryPolicy__Output {
  'max_attempts': (number);
  'backoff_ms': (number);
}
