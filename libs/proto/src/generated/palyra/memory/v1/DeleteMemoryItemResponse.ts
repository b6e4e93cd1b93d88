// Original file: proto/palyra/v1/memory.proto


export interface DeleteMemoryItemResponse {
  'v'?: (number);
  'deleted'?: (boolean);
}

export interface DeleteMemoryItemResponse__Output {
  'v': (number);
  'deleted': (boolean);
}
