// Original file: proto/palyra/v1/cron.proto

export const MisfirePolicy = {
  MISFIRE_POLICY_UNSPECIFIED: 'MISFIRE_POLICY_UNSPECIFIED',
  MISFIRE_POLICY_SKIP: 'MISFIRE_POLICY_SKIP',
  MISFIRE_POLICY_CATCH_UP: 'MISFIRE_POLICY_CATCH_UP',
} as const;

export type MisfirePolicy =
  | 'MISFIRE_POLICY_UNSPECIFIED'
  | 0
  | 'MISFIRE_POLICY_SKIP'
  | 1
  | 'MISFIRE_POLICY_CATCH_UP'
  | 2

export type MisfirePolicy__Output = typeof MisfirePolicy[keyof typeof MisfirePolicy]
