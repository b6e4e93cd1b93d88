// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface ToolAttestation {
  'proposal_id'?: (_palyra_common_v1_CanonicalId | null);
  'attestation_id'?: (_palyra_common_v1_CanonicalId | null);
  'execution_sha256'?: (string);
  'executed_at_unix_ms'?: (number | string | Long);
  'timed_out'?: (boolean);
  'executor'?: (string);
  'finished_at_unix_ms'?: (number | string | Long);
}

export interface ToolAttestation__Output {
  'proposal_id': (_palyra_common_v1_CanonicalId__Output | null);
  'attestation_id': (_palyra_common_v1_CanonicalId__Output | null);
  'execution_sha256': (string);
  'executed_at_unix_ms': (number);
  'timed_out': (boolean);
  'executor': (string);
  'finished_at_unix_ms': (number);
}
