// Original file: proto/palyra/v1/cron.proto

import type { Long } from '@grpc/proto-loader';

export interface EverySchedule {
  'interval_ms'?: (number | string | Long);
}

export interface EverySchedule__Output {
  'interval_ms': (number);
}
