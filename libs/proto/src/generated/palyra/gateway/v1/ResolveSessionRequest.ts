// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface ResolveSessionRequest {
  'v'?: (number);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_key'?: (string);
  'session_label'?: (string);
  'require_existing'?: (boolean);
  'reset_session'?: (boolean);
}

export interface ResolveSessionRequest__Output {
  'v': (number);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_key': (string);
  'session_label': (string);
  'require_existing': (boolean);
  'reset_session': (boolean);
}
