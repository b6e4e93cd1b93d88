// Original file: proto/palyra/v1/cron.proto

export const ScheduleType = {
  SCHEDULE_TYPE_UNSPECIFIED: 'SCHEDULE_TYPE_UNSPECIFIED',
  SCHEDULE_TYPE_CRON: 'SCHEDULE_TYPE_CRON',
  SCHEDULE_TYPE_EVERY: 'SCHEDULE_TYPE_EVERY',
  SCHEDULE_TYPE_AT: 'SCHEDULE_TYPE_AT',
} as const;

export type ScheduleType =
  | 'SCHEDULE_TYPE_UNSPECIFIED'
  | 0
  | 'SCHEDULE_TYPE_CRON'
  | 1
  | 'SCHEDULE_TYPE_EVERY'
  | 2
  | 'SCHEDULE_TYPE_AT'
  | 3

export type ScheduleType__Output = typeof ScheduleType[keyof typeof ScheduleType]
