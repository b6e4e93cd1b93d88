// Original file: proto/palyra/v1/gateway.proto

import type { VaultSecretMetadata as _palyra_gateway_v1_VaultSecretMetadata, VaultSecretMetadata__Output as _palyra_gateway_v1_VaultSecretMetadata__Output } from '../../../palyra/gateway/v1/VaultSecretMetadata.js';

export interface PutSecretResponse {
  'v'?: (number);
  'secret'?: (_palyra_gateway_v1_VaultSecretMetadata | null);
}

export interface PutSecretResponse__Output {
  'v': (number);
  'secret': (_palyra_gateway_v1_VaultSecretMetadata__Output | null);
}
