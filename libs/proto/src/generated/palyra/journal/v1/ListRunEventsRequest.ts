// Original file: proto/palyra/v1/journal.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface ListRunEventsRequest {
  'v'?: (number);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'after_seq'?: (number | string | Long);
  'limit'?: (number);
}

export interface ListRunEventsRequest__Output {
  'v': (number);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'after_seq': (number);
  'limit': (number);
}
