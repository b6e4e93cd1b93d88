// Original file: proto/palyra/v1/cron.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { JobRunStatus as _palyra_cron_v1_JobRunStatus, JobRunStatus__Output as _palyra_cron_v1_JobRunStatus__Output } from '../../../palyra/cron/v1/JobRunStatus.js';

export interface RunJobNowResponse {
  'v'?: (number);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'status'?: (_palyra_cron_v1_JobRunStatus);
  'message'?: (string);
}

export interface RunJobNowResponse__Output {
  'v': (number);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'status': (_palyra_cron_v1_JobRunStatus__Output);
  'message': (string);
}
