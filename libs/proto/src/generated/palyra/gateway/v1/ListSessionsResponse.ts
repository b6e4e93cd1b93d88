// Original file: proto/palyra/v1/gateway.proto

import type { SessionSummary as _palyra_gateway_v1_SessionSummary, SessionSummary__Output as _palyra_gateway_v1_SessionSummary__Output } from '../../../palyra/gateway/v1/SessionSummary.js';

export interface ListSessionsResponse {
  'v'?: (number);
  'sessions'?: (_palyra_gateway_v1_SessionSummary)[];
  'next_after_session_key'?: (string);
}

export interface ListSessionsResponse__Output {
  'v': (number);
  'sessions': (_palyra_gateway_v1_SessionSummary__Output)[];
  'next_after_session_key': (string);
}
