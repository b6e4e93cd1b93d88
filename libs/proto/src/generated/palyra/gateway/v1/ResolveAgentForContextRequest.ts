// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface ResolveAgentForContextRequest {
  'v'?: (number);
  'principal'?: (string);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'preferred_agent_id'?: (string);
  'persist_session_binding'?: (boolean);
}

export interface ResolveAgentForContextRequest__Output {
  'v': (number);
  'principal': (string);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'preferred_agent_id': (string);
  'persist_session_binding': (boolean);
}
