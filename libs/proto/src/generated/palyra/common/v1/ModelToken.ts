// Original file: proto/palyra/v1/common.proto


export interface ModelToken {
  'token'?: (string);
  'is_final'?: (boolean);
  'awaiting_input'?: (boolean);
}

export interface ModelToken__Output {
  'token': (string);
  'is_final': (boolean);
  'awaiting_input': (boolean);
}
