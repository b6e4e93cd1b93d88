// Original file: proto/palyra/v1/gateway.proto

import type { Canvas as _palyra_gateway_v1_Canvas, Canvas__Output as _palyra_gateway_v1_Canvas__Output } from '../../../palyra/gateway/v1/Canvas.js';

export interface GetCanvasResponse {
  'v'?: (number);
  'canvas'?: (_palyra_gateway_v1_Canvas | null);
}

export interface GetCanvasResponse__Output {
  'v': (number);
  'canvas': (_palyra_gateway_v1_Canvas__Output | null);
}
