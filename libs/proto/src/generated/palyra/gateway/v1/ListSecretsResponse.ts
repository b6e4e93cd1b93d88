// Original file: proto/palyra/v1/gateway.proto

import type { VaultSecretMetadata as _palyra_gateway_v1_VaultSecretMetadata, VaultSecretMetadata__Output as _palyra_gateway_v1_VaultSecretMetadata__Output } from '../../../palyra/gateway/v1/VaultSecretMetadata.js';

export interface ListSecretsResponse {
  'v'?: (number);
  'secrets'?: (_palyra_gateway_v1_VaultSecretMetadata)[];
}

export interface ListSecretsResponse__Output {
  'v': (number);
  'secrets': (_palyra_gateway_v1_VaultSecretMetadata__Output)[];
}
