// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface CloseCanvasRequest {
  'v'?: (number);
  'canvas_id'?: (_palyra_common_v1_CanonicalId | null);
  'reason'?: (string);
}

export interface CloseCanvasRequest__Output {
  'v': (number);
  'canvas_id': (_palyra_common_v1_CanonicalId__Output | null);
  'reason': (string);
}
