// Original file: proto/palyra/v1/gateway.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteSecretRequest as _palyra_gateway_v1_DeleteSecretRequest, DeleteSecretRequest__Output as _palyra_gateway_v1_DeleteSecretRequest__Output } from '../../../palyra/gateway/v1/DeleteSecretRequest.js';
import type { DeleteSecretResponse as _palyra_gateway_v1_DeleteSecretResponse, DeleteSecretResponse__Output as _palyra_gateway_v1_DeleteSecretResponse__Output } from '../../../palyra/gateway/v1/DeleteSecretResponse.js';
import type { GetSecretRequest as _palyra_gateway_v1_GetSecretRequest, GetSecretRequest__Output as _palyra_gateway_v1_GetSecretRequest__Output } from '../../../palyra/gateway/v1/GetSecretRequest.js';
import type { GetSecretResponse as _palyra_gateway_v1_GetSecretResponse, GetSecretResponse__Output as _palyra_gateway_v1_GetSecretResponse__Output } from '../../../palyra/gateway/v1/GetSecretResponse.js';
import type { ListSecretsRequest as _palyra_gateway_v1_ListSecretsRequest, ListSecretsRequest__Output as _palyra_gateway_v1_ListSecretsRequest__Output } from '../../../palyra/gateway/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _palyra_gateway_v1_ListSecretsResponse, ListSecretsResponse__Output as _palyra_gateway_v1_ListSecretsResponse__Output } from '../../../palyra/gateway/v1/ListSecretsResponse.js';
import type { PutSecretRequest as _palyra_gateway_v1_PutSecretRequest, PutSecretRequest__Output as _palyra_gateway_v1_PutSecretRequest__Output } from '../../../palyra/gateway/v1/PutSecretRequest.js';
import type { PutSecretResponse as _palyra_gateway_v1_PutSecretResponse, PutSecretResponse__Output as _palyra_gateway_v1_PutSecretResponse__Output } from '../../../palyra/gateway/v1/PutSecretResponse.js';

export interface VaultServiceClient extends grpc.Client {
  DeleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _palyra_gateway_v1_DeleteSecretRequest, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;

  GetSecret(argument: _palyra_gateway_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _palyra_gateway_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _palyra_gateway_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _palyra_gateway_v1_GetSecretRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _palyra_gateway_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _palyra_gateway_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _palyra_gateway_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _palyra_gateway_v1_GetSecretRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;

  ListSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _palyra_gateway_v1_ListSecretsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;

  PutSecret(argument: _palyra_gateway_v1_PutSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  PutSecret(argument: _palyra_gateway_v1_PutSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  PutSecret(argument: _palyra_gateway_v1_PutSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  PutSecret(argument: _palyra_gateway_v1_PutSecretRequest, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  putSecret(argument: _palyra_gateway_v1_PutSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  putSecret(argument: _palyra_gateway_v1_PutSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  putSecret(argument: _palyra_gateway_v1_PutSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;
  putSecret(argument: _palyra_gateway_v1_PutSecretRequest, callback: grpc.requestCallback<_palyra_gateway_v1_PutSecretResponse__Output>): grpc.ClientUnaryCall;

}

export interface VaultServiceHandlers extends grpc.UntypedServiceImplementation {
  DeleteSecret: grpc.handleUnaryCall<_palyra_gateway_v1_DeleteSecretRequest__Output, _palyra_gateway_v1_DeleteSecretResponse>;

  GetSecret: grpc.handleUnaryCall<_palyra_gateway_v1_GetSecretRequest__Output, _palyra_gateway_v1_GetSecretResponse>;

  ListSecrets: grpc.handleUnaryCall<_palyra_gateway_v1_ListSecretsRequest__Output, _palyra_gateway_v1_ListSecretsResponse>;

  PutSecret: grpc.handleUnaryCall<_palyra_gateway_v1_PutSecretRequest__Output, _palyra_gateway_v1_PutSecretResponse>;

}

export interface VaultServiceDefinition extends grpc.ServiceDefinition {
  DeleteSecret: MethodDefinition<_palyra_gateway_v1_DeleteSecretRequest, _palyra_gateway_v1_DeleteSecretResponse, _palyra_gateway_v1_DeleteSecretRequest__Output, _palyra_gateway_v1_DeleteSecretResponse__Output>
  GetSecret: MethodDefinition<_palyra_gateway_v1_GetSecretRequest, _palyra_gateway_v1_GetSecretResponse, _palyra_gateway_v1_GetSecretRequest__Output, _palyra_gateway_v1_GetSecretResponse__Output>
  ListSecrets: MethodDefinition<_palyra_gateway_v1_ListSecretsRequest, _palyra_gateway_v1_ListSecretsResponse, _palyra_gateway_v1_ListSecretsRequest__Output, _palyra_gateway_v1_ListSecretsResponse__Output>
  PutSecret: MethodDefinition<_palyra_gateway_v1_PutSecretRequest, _palyra_gateway_v1_PutSecretResponse, _palyra_gateway_v1_PutSecretRequest__Output, _palyra_gateway_v1_PutSecretResponse__Output>
}
