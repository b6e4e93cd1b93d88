// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface AgentBinding {
  'principal'?: (string);
  'channel'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'agent_id'?: (string);
  'updated_at_unix_ms'?: (number | string | Long);
}

export interface AgentBinding__Output {
  'principal': (string);
  'channel': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'agent_id': (string);
  'updated_at_unix_ms': (number);
}
