// Original file: proto/palyra/v1/gateway.proto


export interface DeleteSecretResponse {
  'v'?: (number);
  'deleted'?: (boolean);
}

export interface DeleteSecretResponse__Output {
  'v': (number);
  'deleted': (boolean);
}
