// Original file: proto/palyra/v1/journal.proto

import type { RunStreamEvent as _palyra_common_v1_RunStreamEvent, RunStreamEvent__Output as _palyra_common_v1_RunStreamEvent__Output } from '../../../palyra/common/v1/RunStreamEvent.js';
import type { Long } from '@grpc/proto-loader';

export interface ListRunEventsResponse {
  'v'?: (number);
  'events'?: (_palyra_common_v1_RunStreamEvent)[];
  'next_after_seq'?: (number | string | Long);
}

export interface ListRunEventsResponse__Output {
  'v': (number);
  'events': (_palyra_common_v1_RunStreamEvent__Output)[];
  'next_after_seq': (number);
}
