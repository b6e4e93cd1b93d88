// Original file: proto/palyra/v1/cron.proto

import type { ScheduleType as _palyra_cron_v1_ScheduleType, ScheduleType__Output as _palyra_cron_v1_ScheduleType__Output } from '../../../palyra/cron/v1/ScheduleType.js';
import type { CronSchedule as _palyra_cron_v1_CronSchedule, CronSchedule__Output as _palyra_cron_v1_CronSchedule__Output } from '../../../palyra/cron/v1/CronSchedule.js';
import type { EverySchedule as _palyra_cron_v1_EverySchedule, EverySchedule__Output as _palyra_cron_v1_EverySchedule__Output } from '../../../palyra/cron/v1/EverySchedule.js';
import type { AtSchedule as _palyra_cron_v1_AtSchedule, AtSchedule__Output as _palyra_cron_v1_AtSchedule__Output } from '../../../palyra/cron/v1/AtSchedule.js';

export interface Schedule {
  'type'?: (_palyra_cron_v1_ScheduleType);
  'cron'?: (_palyra_cron_v1_CronSchedule | null);
  'every'?: (_palyra_cron_v1_EverySchedule | null);
  'at'?: (_palyra_cron_v1_AtSchedule | null);
  'spec'?: "cron"|"every"|"at";
}

export interface Schedule__Output {
  'type': (_palyra_cron_v1_ScheduleType__Output);
  'cron'?: (_palyra_cron_v1_CronSchedule__Output | null);
  'every'?: (_palyra_cron_v1_EverySchedule__Output | null);
  'at'?: (_palyra_cron_v1_AtSchedule__Output | null);
  'spec'?: "cron"|"every"|"at";
}
