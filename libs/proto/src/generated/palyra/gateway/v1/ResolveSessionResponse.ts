// Original file: proto/palyra/v1/gateway.proto

import type { SessionSummary as _palyra_gateway_v1_SessionSummary, SessionSummary__Output as _palyra_gateway_v1_SessionSummary__Output } from '../../../palyra/gateway/v1/SessionSummary.js';

export interface ResolveSessionResponse {
  'v'?: (number);
  'session'?: (_palyra_gateway_v1_SessionSummary | null);
  'created'?: (boolean);
  'reset_applied'?: (boolean);
}

export interface ResolveSessionResponse__Output {
  'v': (number);
  'session': (_palyra_gateway_v1_SessionSummary__Output | null);
  'created': (boolean);
  'reset_applied': (boolean);
}
