// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { CanvasBundle as _palyra_gateway_v1_CanvasBundle, CanvasBundle__Output as _palyra_gateway_v1_CanvasBundle__Output } from '../../../palyra/gateway/v1/CanvasBundle.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateCanvasRequest {
  'v'?: (number);
  'canvas_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'initial_state_json'?: (Buffer | Uint8Array | string);
  'initial_state_version'?: (number | string | Long);
  'bundle'?: (_palyra_gateway_v1_CanvasBundle | null);
  'allowed_parent_origins'?: (string)[];
  'auth_token_ttl_seconds'?: (number);
  'state_schema_version'?: (number | string | Long);
}

export interface CreateCanvasRequest__Output {
  'v': (number);
  'canvas_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'initial_state_json': (Buffer);
  'initial_state_version': (number);
  'bundle': (_palyra_gateway_v1_CanvasBundle__Output | null);
  'allowed_parent_origins': (string)[];
  'auth_token_ttl_seconds': (number);
  'state_schema_version': (number);
}
