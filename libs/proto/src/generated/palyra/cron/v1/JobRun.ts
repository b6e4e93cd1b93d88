// Original file: proto/palyra/v1/cron.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { JobRunStatus as _palyra_cron_v1_JobRunStatus, JobRunStatus__Output as _palyra_cron_v1_JobRunStatus__Output } from '../../../palyra/cron/v1/JobRunStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface JobRun {
  'v'?: (number);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'job_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'orchestrator_run_id'?: (_palyra_common_v1_CanonicalId | null);
  'attempt'?: (number);
  'started_at_unix_ms'?: (number | string | Long);
  'finished_at_unix_ms'?: (number | string | Long);
  'status'?: (_palyra_cron_v1_JobRunStatus);
  'error_kind'?: (string);
  'error_message_redacted'?: (string);
  'model_tokens_in'?: (number | string | Long);
  'model_tokens_out'?: (number | string | Long);
  'tool_calls'?: (number | string | Long);
  'tool_denies'?: (number | string | Long);
}

export interface JobRun__Output {
  'v': (number);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'job_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'orchestrator_run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'attempt': (number);
  'started_at_unix_ms': (number);
  'finished_at_unix_ms': (number);
  'status': (_palyra_cron_v1_JobRunStatus__Output);
  'error_kind': (string);
  'error_message_redacted': (string);
  'model_tokens_in': (number);
  'model_tokens_out': (number);
  'tool_calls': (number);
  'tool_denies': (number);
}
