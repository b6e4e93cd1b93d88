// Original file: proto/palyra/v1/gateway.proto


export interface ExportApprovalsResponse {
  'v'?: (number);
  'chunk'?: (Buffer | Uint8Array | string);
  'chunk_seq'?: (number);
  'done'?: (boolean);
}

export interface ExportApprovalsResponse__Output {
  'v': (number);
  'chunk': (Buffer);
  'chunk_seq': (number);
  'done': (boolean);
}
