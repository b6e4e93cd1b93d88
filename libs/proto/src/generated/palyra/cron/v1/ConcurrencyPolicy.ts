// Original file: proto/palyra/v1/cron.proto

export const ConcurrencyPolicy = {
  CONCURRENCY_POLICY_UNSPECIFIED: 'CONCURRENCY_POLICY_UNSPECIFIED',
  CONCURRENCY_POLICY_FORBID: 'CONCURRENCY_POLICY_FORBID',
  CONCURRENCY_POLICY_REPLACE: 'CONCURRENCY_POLICY_REPLACE',
  CONCURRENCY_POLICY_QUEUE_ONE: 'CONCURRENCY_POLICY_QUEUE_ONE',
} as const;

export type ConcurrencyPolicy =
  | 'CONCURRENCY_POLICY_UNSPECIFIED'
  | 0
  | 'CONCURRENCY_POLICY_FORBID'
  | 1
  | 'CONCURRENCY_POLICY_REPLACE'
  | 2
  | 'CONCURRENCY_POLICY_QUEUE_ONE'
  | 3

export type ConcurrencyPolicy__Output = typeof ConcurrencyPolicy[keyof typeof ConcurrencyPolicy]
