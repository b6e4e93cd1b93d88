// Original file: proto/palyra/v1/gateway.proto


export interface CanvasAsset {
  'path'?: (string);
  'content_type'?: (string);
  'body'?: (Buffer | Uint8Array | string);
}

export interface CanvasAsset__Output {
  'path': (string);
  'content_type': (string);
  'body': (Buffer);
}
