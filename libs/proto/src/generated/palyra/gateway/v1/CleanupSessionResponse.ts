// Original file: proto/palyra/v1/gateway.proto

import type { SessionSummary as _palyra_gateway_v1_SessionSummary, SessionSummary__Output as _palyra_gateway_v1_SessionSummary__Output } from '../../../palyra/gateway/v1/SessionSummary.js';

export interface CleanupSessionResponse {
  'v'?: (number);
  'session'?: (_palyra_gateway_v1_SessionSummary | null);
  'cleaned'?: (boolean);
  'newly_archived'?: (boolean);
  'previous_session_key'?: (string);
  'run_count'?: (number);
}

export interface CleanupSessionResponse__Output {
  'v': (number);
  'session': (_palyra_gateway_v1_SessionSummary__Output | null);
  'cleaned': (boolean);
  'newly_archived': (boolean);
  'previous_session_key': (string);
  'run_count': (number);
}
