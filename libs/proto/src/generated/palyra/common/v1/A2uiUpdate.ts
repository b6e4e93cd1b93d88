// Original file: proto/palyra/v1/common.proto


export interface A2uiUpdate {
  'v'?: (number);
  'surface'?: (string);
  'patch_json'?: (Buffer | Uint8Array | string);
}

export interface A2uiUpdate__Output {
  'v': (number);
  'surface': (string);
  'patch_json': (Buffer);
}
