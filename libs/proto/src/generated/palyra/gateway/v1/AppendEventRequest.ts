// Original file: proto/palyra/v1/gateway.proto

import type { JournalEvent as _palyra_common_v1_JournalEvent, JournalEvent__Output as _palyra_common_v1_JournalEvent__Output } from '../../../palyra/common/v1/JournalEvent.js';

export interface AppendEventRequest {
  'v'?: (number);
  'event'?: (_palyra_common_v1_JournalEvent | null);
}

export interface AppendEventRequest__Output {
  'v': (number);
  'event': (_palyra_common_v1_JournalEvent__Output | null);
}
