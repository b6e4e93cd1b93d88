// Original file: proto/palyra/v1/cron.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface DeleteJobRequest {
  'v'?: (number);
  'job_id'?: (_palyra_common_v1_CanonicalId | null);
}

export interface DeleteJobRequest__Output {
  'v': (number);
  'job_id': (_palyra_common_v1_CanonicalId__Output | null);
}
