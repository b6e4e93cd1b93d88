// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface SubscribeCanvasUpdatesResponse {
  'v'?: (number);
  'canvas_id'?: (_palyra_common_v1_CanonicalId | null);
  'state_version'?: (number | string | Long);
  'base_state_version'?: (number | string | Long);
  'state_schema_version'?: (number | string | Long);
  'patch_json'?: (Buffer | Uint8Array | string);
  'state_json'?: (Buffer | Uint8Array | string);
  'closed'?: (boolean);
  'close_reason'?: (string);
  'applied_at_unix_ms'?: (number | string | Long);
}

export interface SubscribeCanvasUpdatesResponse__Output {
  'v': (number);
  'canvas_id': (_palyra_common_v1_CanonicalId__Output | null);
  'state_version': (number);
  'base_state_version': (number);
  'state_schema_version': (number);
  'patch_json': (Buffer);
  'state_json': (Buffer);
  'closed': (boolean);
  'close_reason': (string);
  'applied_at_unix_ms': (number);
}
