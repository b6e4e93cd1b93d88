// Original file: proto/palyra/v1/gateway.proto


export interface HealthRequest {
  'v'?: (number);
}

export interface HealthRequest__Output {
  'v': (number);
}
