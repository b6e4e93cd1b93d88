// Original file: proto/palyra/v1/gateway.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DecideApprovalRequest as _palyra_gateway_v1_DecideApprovalRequest, DecideApprovalRequest__Output as _palyra_gateway_v1_DecideApprovalRequest__Output } from '../../../palyra/gateway/v1/DecideApprovalRequest.js';
import type { DecideApprovalResponse as _palyra_gateway_v1_DecideApprovalResponse, DecideApprovalResponse__Output as _palyra_gateway_v1_DecideApprovalResponse__Output } from '../../../palyra/gateway/v1/DecideApprovalResponse.js';
import type { ExportApprovalsRequest as _palyra_gateway_v1_ExportApprovalsRequest, ExportApprovalsRequest__Output as _palyra_gateway_v1_ExportApprovalsRequest__Output } from '../../../palyra/gateway/v1/ExportApprovalsRequest.js';
import type { ExportApprovalsResponse as _palyra_gateway_v1_ExportApprovalsResponse, ExportApprovalsResponse__Output as _palyra_gateway_v1_ExportApprovalsResponse__Output } from '../../../palyra/gateway/v1/ExportApprovalsResponse.js';
import type { GetApprovalRequest as _palyra_gateway_v1_GetApprovalRequest, GetApprovalRequest__Output as _palyra_gateway_v1_GetApprovalRequest__Output } from '../../../palyra/gateway/v1/GetApprovalRequest.js';
import type { GetApprovalResponse as _palyra_gateway_v1_GetApprovalResponse, GetApprovalResponse__Output as _palyra_gateway_v1_GetApprovalResponse__Output } from '../../../palyra/gateway/v1/GetApprovalResponse.js';
import type { ListApprovalsRequest as _palyra_gateway_v1_ListApprovalsRequest, ListApprovalsRequest__Output as _palyra_gateway_v1_ListApprovalsRequest__Output } from '../../../palyra/gateway/v1/ListApprovalsRequest.js';
import type { ListApprovalsResponse as _palyra_gateway_v1_ListApprovalsResponse, ListApprovalsResponse__Output as _palyra_gateway_v1_ListApprovalsResponse__Output } from '../../../palyra/gateway/v1/ListApprovalsResponse.js';

export interface ApprovalsServiceClient extends grpc.Client {
  DecideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  DecideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  DecideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  DecideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  decideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  decideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  decideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;
  decideApproval(argument: _palyra_gateway_v1_DecideApprovalRequest, callback: grpc.requestCallback<_palyra_gateway_v1_DecideApprovalResponse__Output>): grpc.ClientUnaryCall;

  ExportApprovals(argument: _palyra_gateway_v1_ExportApprovalsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_ExportApprovalsResponse__Output>;
  ExportApprovals(argument: _palyra_gateway_v1_ExportApprovalsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_ExportApprovalsResponse__Output>;
  exportApprovals(argument: _palyra_gateway_v1_ExportApprovalsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_ExportApprovalsResponse__Output>;
  exportApprovals(argument: _palyra_gateway_v1_ExportApprovalsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_ExportApprovalsResponse__Output>;

  GetApproval(argument: _palyra_gateway_v1_GetApprovalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  GetApproval(argument: _palyra_gateway_v1_GetApprovalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  GetApproval(argument: _palyra_gateway_v1_GetApprovalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  GetApproval(argument: _palyra_gateway_v1_GetApprovalRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  getApproval(argument: _palyra_gateway_v1_GetApprovalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  getApproval(argument: _palyra_gateway_v1_GetApprovalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  getApproval(argument: _palyra_gateway_v1_GetApprovalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;
  getApproval(argument: _palyra_gateway_v1_GetApprovalRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetApprovalResponse__Output>): grpc.ClientUnaryCall;

  ListApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  ListApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  ListApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  ListApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  listApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  listApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  listApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;
  listApprovals(argument: _palyra_gateway_v1_ListApprovalsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListApprovalsResponse__Output>): grpc.ClientUnaryCall;

}

export interface ApprovalsServiceHandlers extends grpc.UntypedServiceImplementation {
  DecideApproval: grpc.handleUnaryCall<_palyra_gateway_v1_DecideApprovalRequest__Output, _palyra_gateway_v1_DecideApprovalResponse>;

  ExportApprovals: grpc.handleServerStreamingCall<_palyra_gateway_v1_ExportApprovalsRequest__Output, _palyra_gateway_v1_ExportApprovalsResponse>;

  GetApproval: grpc.handleUnaryCall<_palyra_gateway_v1_GetApprovalRequest__Output, _palyra_gateway_v1_GetApprovalResponse>;

  ListApprovals: grpc.handleUnaryCall<_palyra_gateway_v1_ListApprovalsRequest__Output, _palyra_gateway_v1_ListApprovalsResponse>;

}

export interface ApprovalsServiceDefinition extends grpc.ServiceDefinition {
  DecideApproval: MethodDefinition<_palyra_gateway_v1_DecideApprovalRequest, _palyra_gateway_v1_DecideApprovalResponse, _palyra_gateway_v1_DecideApprovalRequest__Output, _palyra_gateway_v1_DecideApprovalResponse__Output>
  ExportApprovals: MethodDefinition<_palyra_gateway_v1_ExportApprovalsRequest, _palyra_gateway_v1_ExportApprovalsResponse, _palyra_gateway_v1_ExportApprovalsRequest__Output, _palyra_gateway_v1_ExportApprovalsResponse__Output>
  GetApproval: MethodDefinition<_palyra_gateway_v1_GetApprovalRequest, _palyra_gateway_v1_GetApprovalResponse, _palyra_gateway_v1_GetApprovalRequest__Output, _palyra_gateway_v1_GetApprovalResponse__Output>
  ListApprovals: MethodDefinition<_palyra_gateway_v1_ListApprovalsRequest, _palyra_gateway_v1_ListApprovalsResponse, _palyra_gateway_v1_ListApprovalsRequest__Output, _palyra_gateway_v1_ListApprovalsResponse__Output>
}
