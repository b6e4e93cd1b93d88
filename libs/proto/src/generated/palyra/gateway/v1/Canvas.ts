// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { CanvasBundle as _palyra_gateway_v1_CanvasBundle, CanvasBundle__Output as _palyra_gateway_v1_CanvasBundle__Output } from '../../../palyra/gateway/v1/CanvasBundle.js';
import type { Long } from '@grpc/proto-loader';

export interface Canvas {
  'v'?: (number);
  'canvas_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'principal'?: (string);
  'state_version'?: (number | string | Long);
  'state_json'?: (Buffer | Uint8Array | string);
  'bundle'?: (_palyra_gateway_v1_CanvasBundle | null);
  'allowed_parent_origins'?: (string)[];
  'created_at_unix_ms'?: (number | string | Long);
  'updated_at_unix_ms'?: (number | string | Long);
  'expires_at_unix_ms'?: (number | string | Long);
  'closed'?: (boolean);
  'close_reason'?: (string);
  'state_schema_version'?: (number | string | Long);
}

export interface Canvas__Output {
  'v': (number);
  'canvas_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'principal': (string);
  'state_version': (number);
  'state_json': (Buffer);
  'bundle': (_palyra_gateway_v1_CanvasBundle__Output | null);
  'allowed_parent_origins': (string)[];
  'created_at_unix_ms': (number);
  'updated_at_unix_ms': (number);
  'expires_at_unix_ms': (number);
  'closed': (boolean);
  'close_reason': (string);
  'state_schema_version': (number);
}
