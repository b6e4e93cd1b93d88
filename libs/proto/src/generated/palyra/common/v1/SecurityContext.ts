// Original file: proto/palyra/v1/common.proto

import type { ReplayProtection as _palyra_common_v1_ReplayProtection, ReplayProtection__Output as _palyra_common_v1_ReplayProtection__Output } from '../../../palyra/common/v1/ReplayProtection.js';

// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_SecurityContext_TrustLevel = {
  TRUST_LEVEL_UNTRUSTED: 'TRUST_LEVEL_UNTRUSTED',
  TRUST_LEVEL_USER_TRUSTED: 'TRUST_LEVEL_USER_TRUSTED',
  TRUST_LEVEL_SYSTEM: 'TRUST_LEVEL_SYSTEM',
} as const;

export type _palyra_common_v1_SecurityContext_TrustLevel =
  | 'TRUST_LEVEL_UNTRUSTED'
  | 0
  | 'TRUST_LEVEL_USER_TRUSTED'
  | 1
  | 'TRUST_LEVEL_SYSTEM'
  | 2

export type _palyra_common_v1_SecurityContext_TrustLevel__Output = typeof _palyra_common_v1_SecurityContext_TrustLevel[keyof typeof _palyra_common_v1_SecurityContext_TrustLevel]

export interface SecurityContext {
  'trust'?: (_palyra_common_v1_SecurityContext_TrustLevel);
  'labels'?: (string)[];
  'provenance_url'?: (string);
  'provenance_hash'?: (string);
  'replay'?: (_palyra_common_v1_ReplayProtection | null);
}

export interface SecurityContext__Output {
  'trust': (_palyra_common_v1_SecurityContext_TrustLevel__Output);
  'labels': (string)[];
  'provenance_url': (string);
  'provenance_hash': (string);
  'replay': (_palyra_common_v1_ReplayProtection__Output | null);
}
