// Original file: proto/palyra/v1/cron.proto


export interface AtSchedule {
  'timestamp_rfc3339'?: (string);
}

export interface AtSchedule__Output {
  'timestamp_rfc3339': (string);
}
