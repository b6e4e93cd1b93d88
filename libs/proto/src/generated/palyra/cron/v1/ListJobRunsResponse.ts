// Original file: proto/palyra/v1/cron.proto

import type { JobRun as _palyra_cron_v1_JobRun, JobRun__Output as _palyra_cron_v1_JobRun__Output } from '../../../palyra/cron/v1/JobRun.js';

export interface ListJobRunsResponse {
  'v'?: (number);
  'runs'?: (_palyra_cron_v1_JobRun)[];
  'next_after_run_ulid'?: (string);
}

export interface ListJobRunsResponse__Output {
  'v': (number);
  'runs': (_palyra_cron_v1_JobRun__Output)[];
  'next_after_run_ulid': (string);
}
