// Original file: proto/palyra/v1/gateway.proto


export interface PutSecretRequest {
  'v'?: (number);
  'scope'?: (string);
  'key'?: (string);
  'value'?: (Buffer | Uint8Array | string);
}

export interface PutSecretRequest__Output {
  'v': (number);
  'scope': (string);
  'key': (string);
  'value': (Buffer);
}
