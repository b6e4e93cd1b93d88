// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface ListAgentBindingsRequest {
  'v'?: (number);
  'agent_id'?: (string);
  'principal'?: (string);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'limit'?: (number);
}

export interface ListAgentBindingsRequest__Output {
  'v': (number);
  'agent_id': (string);
  'principal': (string);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'limit': (number);
}
