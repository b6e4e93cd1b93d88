// Original file: proto/palyra/v1/cron.proto

import type { JobRun as _palyra_cron_v1_JobRun, JobRun__Output as _palyra_cron_v1_JobRun__Output } from '../../../palyra/cron/v1/JobRun.js';

export interface GetJobRunResponse {
  'v'?: (number);
  'run'?: (_palyra_cron_v1_JobRun | null);
}

export interface GetJobRunResponse__Output {
  'v': (number);
  'run': (_palyra_cron_v1_JobRun__Output | null);
}
