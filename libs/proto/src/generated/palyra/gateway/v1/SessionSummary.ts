// Original file: proto/palyra/v1/gateway.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

export interface SessionSummary {
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_key'?: (string);
  'session_label'?: (string);
  'created_at_unix_ms'?: (number | string | Long);
  'updated_at_unix_ms'?: (number | string | Long);
  'last_run_id'?: (_palyra_common_v1_CanonicalId | null);
  'archived_at_unix_ms'?: (number | string | Long);
  'title'?: (string);
  'title_source'?: (string);
  'title_generator_version'?: (string);
  'preview'?: (string);
  'preview_state'?: (string);
  'last_intent'?: (string);
  'last_summary'?: (string);
  'match_snippet'?: (string);
  'branch_state'?: (string);
  'parent_session_id'?: (_palyra_common_v1_CanonicalId | null);
  'last_run_state'?: (string);
}

export interface SessionSummary__Output {
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_key': (string);
  'session_label': (string);
  'created_at_unix_ms': (number);
  'updated_at_unix_ms': (number);
  'last_run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'archived_at_unix_ms': (number);
  'title': (string);
  'title_source': (string);
  'title_generator_version': (string);
  'preview': (string);
  'preview_state': (string);
  'last_intent': (string);
  'last_summary': (string);
  'match_snippet': (string);
  'branch_state': (string);
  'parent_session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'last_run_state': (string);
}
