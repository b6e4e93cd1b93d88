// Original file: proto/palyra/v1/gateway.proto

import type { CanvasAsset as _palyra_gateway_v1_CanvasAsset, CanvasAsset__Output as _palyra_gateway_v1_CanvasAsset__Output } from '../../../palyra/gateway/v1/CanvasAsset.js';

export interface CanvasBundle {
  'bundle_id'?: (string);
  'entrypoint_path'?: (string);
  'assets'?: (_palyra_gateway_v1_CanvasAsset)[];
  'sha256'?: (string);
  'signature'?: (string);
}

export interface CanvasBundle__Output {
  'bundle_id': (string);
  'entrypoint_path': (string);
  'assets': (_palyra_gateway_v1_CanvasAsset__Output)[];
  'sha256': (string);
  'signature': (string);
}
