// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface SubscribeCanvasUpdatesRequest {
  'v'?: (number);
  'canvas_id'?: (_palyra_common_v1_CanonicalId | null);
  'after_state_version'?: (number | string | Long);
  'include_snapshot_state'?: (boolean);
}

export interface SubscribeCanvasUpdatesRequest__Output {
  'v': (number);
  'canvas_id': (_palyra_common_v1_CanonicalId__Output | null);
  'after_state_version': (number);
  'include_snapshot_state': (boolean);
}
