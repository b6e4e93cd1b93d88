// Original file: proto/palyra/v1/gateway.proto

import type { Canvas as _palyra_gateway_v1_Canvas, Canvas__Output as _palyra_gateway_v1_Canvas__Output } from '../../../palyra/gateway/v1/Canvas.js';

export interface CreateCanvasResponse {
  'v'?: (number);
  'canvas'?: (_palyra_gateway_v1_Canvas | null);
  'frame_url'?: (string);
  'runtime_url'?: (string);
  'auth_token'?: (string);
}

export interface CreateCanvasResponse__Output {
  'v': (number);
  'canvas': (_palyra_gateway_v1_Canvas__Output | null);
  'frame_url': (string);
  'runtime_url': (string);
  'auth_token': (string);
}
