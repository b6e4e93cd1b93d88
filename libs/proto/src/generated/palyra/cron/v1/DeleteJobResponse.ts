// Original file: proto/palyra/v1/cron.proto


export interface DeleteJobResponse {
  'v'?: (number);
  'deleted'?: (boolean);
}

export interface DeleteJobResponse__Output {
  'v': (number);
  'deleted': (boolean);
}
