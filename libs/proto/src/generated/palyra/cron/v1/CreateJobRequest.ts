// Original file: proto/palyra/v1/cron.proto

import type { Schedule as _palyra_cron_v1_Schedule, Schedule__Output as _palyra_cron_v1_Schedule__Output } from '../../../palyra/cron/v1/Schedule.js';
import type { ConcurrencyPolicy as _palyra_cron_v1_ConcurrencyPolicy, ConcurrencyPolicy__Output as _palyra_cron_v1_ConcurrencyPolicy__Output } from '../../../palyra/cron/v1/ConcurrencyPolicy.js';
import type { RetryPolicy as _palyra_cron_v1_RetryPolicy, RetryPolicy__Output as _palyra_cron_v1_RetryPolicy__Output } from '../../../palyra/cron/v1/RetryPolicy.js';
import type { MisfirePolicy as _palyra_cron_v1_MisfirePolicy, MisfirePolicy__Output as _palyra_cron_v1_MisfirePolicy__Output } from '../../../palyra/cron/v1/MisfirePolicy.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateJobRequest {
  'v'?: (number);
  'name'?: (string);
  'prompt'?: (string);
  'owner_principal'?: (string);
  'channel'?: (string);
  'session_key'?: (string);
  'session_label'?: (string);
  'schedule'?: (_palyra_cron_v1_Schedule | null);
  'enabled'?: (boolean);
  'concurrency_policy'?: (_palyra_cron_v1_ConcurrencyPolicy);
  'retry_policy'?: (_palyra_cron_v1_RetryPolicy | null);
  'misfire_policy'?: (_palyra_cron_v1_MisfirePolicy);
  'jitter_ms'?: (number | string | Long);
}

export interface CreateJobRequest__Output {
  'v': (number);
  'name': (string);
  'prompt': (string);
  'owner_principal': (string);
  'channel': (string);
  'session_key': (string);
  'session_label': (string);
  'schedule': (_palyra_cron_v1_Schedule__Output | null);
  'enabled': (boolean);
  'concurrency_policy': (_palyra_cron_v1_ConcurrencyPolicy__Output);
  'retry_policy': (_palyra_cron_v1_RetryPolicy__Output | null);
  'misfire_policy': (_palyra_cron_v1_MisfirePolicy__Output);
  'jitter_ms': (number);
}
