// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';

export interface ToolResult {
  'proposal_id'?: (_palyra_common_v1_CanonicalId | null);
  'success'?: (boolean);
  'output_json'?: (Buffer | Uint8Array | string);
  'error'?: (string);
}

export interface ToolResult__Output {
  'proposal_id': (_palyra_common_v1_CanonicalId__Output | null);
  'success': (boolean);
  'output_json': (Buffer);
  'error': (string);
}
