// Original file: proto/palyra/v1/gateway.proto


export interface ListSecretsRequest {
  'v'?: (number);
  'scope'?: (string);
}

export interface ListSecretsRequest__Output {
  'v': (number);
  'scope': (string);
}
