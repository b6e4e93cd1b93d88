// Original file: proto/palyra/v1/common.proto

import type { ApprovalRiskLevel as _palyra_common_v1_ApprovalRiskLevel, ApprovalRiskLevel__Output as _palyra_common_v1_ApprovalRiskLevel__Output } from '../../../palyra/common/v1/ApprovalRiskLevel.js';
import type { ApprovalOption as _palyra_common_v1_ApprovalOption, ApprovalOption__Output as _palyra_common_v1_ApprovalOption__Output } from '../../../palyra/common/v1/ApprovalOption.js';

export interface ApprovalPrompt {
  'title'?: (string);
  'risk_level'?: (_palyra_common_v1_ApprovalRiskLevel);
  'subject_id'?: (string);
  'summary'?: (string);
  'options'?: (_palyra_common_v1_ApprovalOption)[];
  'timeout_seconds'?: (number);
  'details_json'?: (Buffer | Uint8Array | string);
  'policy_explanation'?: (string);
}

export interface ApprovalPrompt__Output {
  'title': (string);
  'risk_level': (_palyra_common_v1_ApprovalRiskLevel__Output);
  'subject_id': (string);
  'summary': (string);
  'options': (_palyra_common_v1_ApprovalOption__Output)[];
  'timeout_seconds': (number);
  'details_json': (Buffer);
  'policy_explanation': (string);
}
