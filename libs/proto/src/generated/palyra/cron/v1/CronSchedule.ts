// Original file: proto/palyra/v1/cron.proto


export interface CronSchedule {
  'expression'?: (string);
}

export interface CronSchedule__Output {
  'expression': (string);
}
