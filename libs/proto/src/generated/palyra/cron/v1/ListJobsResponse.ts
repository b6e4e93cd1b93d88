// Original file: proto/palyra/v1/cron.proto

import type { Job as _palyra_cron_v1_Job, Job__Output as _palyra_cron_v1_Job__Output } from '../../../palyra/cron/v1/Job.js';

export interface ListJobsResponse {
  'v'?: (number);
  'jobs'?: (_palyra_cron_v1_Job)[];
  'next_after_job_ulid'?: (string);
}

export interface ListJobsResponse__Output {
  'v': (number);
  'jobs': (_palyra_cron_v1_Job__Output)[];
  'next_after_job_ulid': (string);
}
