// Original file: proto/palyra/v1/gateway.proto


export interface GetSecretRequest {
  'v'?: (number);
  'scope'?: (string);
  'key'?: (string);
}

export interface GetSecretRequest__Output {
  'v': (number);
  'scope': (string);
  'key': (string);
}
