// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateCanvasRequest {
  'v'?: (number);
  'canvas_id'?: (_palyra_common_v1_CanonicalId | null);
  'state_json'?: (Buffer | Uint8Array | string);
  'expected_state_version'?: (number | string | Long);
  'patch_json'?: (Buffer | Uint8Array | string);
  'expected_state_schema_version'?: (number | string | Long);
}

export interface UpdateCanvasRequest__Output {
  'v': (number);
  'canvas_id': (_palyra_common_v1_CanonicalId__Output | null);
  'state_json': (Buffer);
  'expected_state_version': (number);
  'patch_json': (Buffer);
  'expected_state_schema_version': (number);
}
