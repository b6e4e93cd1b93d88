// Original file: proto/palyra/v1/gateway.proto


export interface DeleteSecretRequest {
  'v'?: (number);
  'scope'?: (string);
  'key'?: (string);
}

export interface DeleteSecretRequest__Output {
  'v': (number);
  'scope': (string);
  'key': (string);
}
