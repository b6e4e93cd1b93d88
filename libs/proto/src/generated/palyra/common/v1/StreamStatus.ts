// Original file: proto/palyra/v1/common.proto


// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_StreamStatus_StatusKind = {
  STATUS_KIND_UNSPECIFIED: 'STATUS_KIND_UNSPECIFIED',
  STATUS_KIND_ACCEPTED: 'STATUS_KIND_ACCEPTED',
  STATUS_KIND_IN_PROGRESS: 'STATUS_KIND_IN_PROGRESS',
  STATUS_KIND_DONE: 'STATUS_KIND_DONE',
  STATUS_KIND_FAILED: 'STATUS_KIND_FAILED',
} as const;

export type _palyra_common_v1_StreamStatus_StatusKind =
  | 'STATUS_KIND_UNSPECIFIED'
  | 0
  | 'STATUS_KIND_ACCEPTED'
  | 1
  | 'STATUS_KIND_IN_PROGRESS'
  | 2
  | 'STATUS_KIND_DONE'
  | 3
  | 'STATUS_KIND_FAILED'
  | 4

export type _palyra_common_v1_StreamStatus_StatusKind__Output = typeof _palyra_common_v1_StreamStatus_StatusKind[keyof typeof _palyra_common_v1_StreamStatus_StatusKind]

export interface StreamStatus {
  'kind'?: (_palyra_common_v1_StreamStatus_StatusKind);
  'message'?: (string);
}

export interface StreamStatus__Output {
  'kind': (_palyra_common_v1_StreamStatus_StatusKind__Output);
  'message': (string);
}
