// Original file: proto/palyra/v1/cron.proto

import type { Job as _palyra_cron_v1_Job, Job__Output as _palyra_cron_v1_Job__Output } from '../../../palyra/cron/v1/Job.js';

export interface UpdateJobResponse {
  'v'?: (number);
  'job'?: (_palyra_cron_v1_Job | null);
}

export interface UpdateJobResponse__Output {
  'v': (number);
  'job': (_palyra_cron_v1_Job__Output | null);
}
