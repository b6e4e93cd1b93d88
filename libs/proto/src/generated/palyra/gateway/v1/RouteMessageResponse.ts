// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { OutboundMessage as _palyra_gateway_v1_OutboundMessage, OutboundMessage__Output as _palyra_gateway_v1_OutboundMessage__Output } from '../../../palyra/gateway/v1/OutboundMessage.js';

export interface RouteMessageResponse {
  'v'?: (number);
  'accepted'?: (boolean);
  'queued_for_retry'?: (boolean);
  'decision_reason'?: (string);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'outputs'?: (_palyra_gateway_v1_OutboundMessage)[];
  'route_key'?: (string);
  'retry_attempt'?: (number);
  'queue_depth'?: (number);
}

export interface RouteMessageResponse__Output {
  'v': (number);
  'accepted': (boolean);
  'queued_for_retry': (boolean);
  'decision_reason': (string);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'outputs': (_palyra_gateway_v1_OutboundMessage__Output)[];
  'route_key': (string);
  'retry_attempt': (number);
  'queue_depth': (number);
}
