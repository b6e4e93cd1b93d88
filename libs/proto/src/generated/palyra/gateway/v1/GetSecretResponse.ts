// Original file: proto/palyra/v1/gateway.proto


export interface GetSecretResponse {
  'v'?: (number);
  'value'?: (Buffer | Uint8Array | string);
}

export interface GetSecretResponse__Output {
  'v': (number);
  'value': (Buffer);
}
