// Original file: proto/palyra/v1/common.proto


export interface CanonicalId {
  'ulid'?: (string);
}

export interface CanonicalId__Output {
  'ulid': (string);
}
