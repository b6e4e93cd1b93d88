// Original file: proto/palyra/v1/cron.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Schedule as _palyra_cron_v1_Schedule, Schedule__Output as _palyra_cron_v1_Schedule__Output } from '../../../palyra/cron/v1/Schedule.js';
import type { ConcurrencyPolicy as _palyra_cron_v1_ConcurrencyPolicy, ConcurrencyPolicy__Output as _palyra_cron_v1_ConcurrencyPolicy__Output } from '../../../palyra/cron/v1/ConcurrencyPolicy.js';
import type { RetryPolicy as _palyra_cron_v1_RetryPolicy, RetryPolicy__Output as _palyra_cron_v1_RetryPolicy__Output } from '../../../palyra/cron/v1/RetryPolicy.js';
import type { MisfirePolicy as _palyra_cron_v1_MisfirePolicy, MisfirePolicy__Output as _palyra_cron_v1_MisfirePolicy__Output } from '../../../palyra/cron/v1/MisfirePolicy.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateJobRequest {
  'v'?: (number);
  'job_id'?: (_palyra_common_v1_CanonicalId | null);
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
  '_name'?: "name";
  '_prompt'?: "prompt";
  '_owner_principal'?: "owner_principal";
  '_channel'?: "channel";
  '_session_key'?: "session_key";
  '_session_label'?: "session_label";
  '_enabled'?: "enabled";
  '_concurrency_policy'?: "concurrency_policy";
  '_misfire_policy'?: "misfire_policy";
  '_jitter_ms'?: "jitter_ms";
}

export interface UpdateJobRequest__Output {
  'v': (number);
  'job_id': (_palyra_common_v1_CanonicalId__Output | null);
  'name'?: (string);
  'prompt'?: (string);
  'owner_principal'?: (string);
  'channel'?: (string);
  'session_key'?: (string);
  'session_label'?: (string);
  'schedule': (_palyra_cron_v1_Schedule__Output | null);
  'enabled'?: (boolean);
  'concurrency_policy'?: (_palyra_cron_v1_ConcurrencyPolicy__Output);
  'retry_policy': (_palyra_cron_v1_RetryPolicy__Output | null);
  'misfire_policy'?: (_palyra_cron_v1_MisfirePolicy__Output);
  'jitter_ms'?: (number);
  '_name'?: "name";
  '_prompt'?: "prompt";
  '_owner_principal'?: "owner_principal";
  '_channel'?: "channel";
  '_session_key'?: "session_key";
  '_session_label'?: "session_label";
  '_enabled'?: "enabled";
  '_concurrency_policy'?: "concurrency_policy";
  '_misfire_policy'?: "misfire_policy";
  '_jitter_ms'?: "jitter_ms";
}
