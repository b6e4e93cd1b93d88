// Original file: proto/palyra/v1/common.proto

import type { ApprovalDecisionScope as _palyra_common_v1_ApprovalDecisionScope, ApprovalDecisionScope__Output as _palyra_common_v1_ApprovalDecisionScope__Output } from '../../../palyra/common/v1/ApprovalDecisionScope.js';
import type { Long } from '@grpc/proto-loader';

export interface ApprovalOption {
  'option_id'?: (string);
  'label'?: (string);
  'description'?: (string);
  'default_selected'?: (boolean);
  'decision_scope'?: (_palyra_common_v1_ApprovalDecisionScope);
  'timebox_ttl_ms'?: (number | string | Long);
}

export interface ApprovalOption__Output {
  'option_id': (string);
  'label': (string);
  'description': (string);
  'default_selected': (boolean);
  'decision_scope': (_palyra_common_v1_ApprovalDecisionScope__Output);
  'timebox_ttl_ms': (number);
}
