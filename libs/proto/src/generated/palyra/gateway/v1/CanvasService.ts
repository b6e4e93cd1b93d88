// Original file: proto/palyra/v1/gateway.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CloseCanvasRequest as _palyra_gateway_v1_CloseCanvasRequest, CloseCanvasRequest__Output as _palyra_gateway_v1_CloseCanvasRequest__Output } from '../../../palyra/gateway/v1/CloseCanvasRequest.js';
import type { CloseCanvasResponse as _palyra_gateway_v1_CloseCanvasResponse, CloseCanvasResponse__Output as _palyra_gateway_v1_CloseCanvasResponse__Output } from '../../../palyra/gateway/v1/CloseCanvasResponse.js';
import type { CreateCanvasRequest as _palyra_gateway_v1_CreateCanvasRequest, CreateCanvasRequest__Output as _palyra_gateway_v1_CreateCanvasRequest__Output } from '../../../palyra/gateway/v1/CreateCanvasRequest.js';
import type { CreateCanvasResponse as _palyra_gateway_v1_CreateCanvasResponse, CreateCanvasResponse__Output as _palyra_gateway_v1_CreateCanvasResponse__Output } from '../../../palyra/gateway/v1/CreateCanvasResponse.js';
import type { GetCanvasRequest as _palyra_gateway_v1_GetCanvasRequest, GetCanvasRequest__Output as _palyra_gateway_v1_GetCanvasRequest__Output } from '../../../palyra/gateway/v1/GetCanvasRequest.js';
import type { GetCanvasResponse as _palyra_gateway_v1_GetCanvasResponse, GetCanvasResponse__Output as _palyra_gateway_v1_GetCanvasResponse__Output } from '../../../palyra/gateway/v1/GetCanvasResponse.js';
import type { SubscribeCanvasUpdatesRequest as _palyra_gateway_v1_SubscribeCanvasUpdatesRequest, SubscribeCanvasUpdatesRequest__Output as _palyra_gateway_v1_SubscribeCanvasUpdatesRequest__Output } from '../../../palyra/gateway/v1/SubscribeCanvasUpdatesRequest.js';
import type { SubscribeCanvasUpdatesResponse as _palyra_gateway_v1_SubscribeCanvasUpdatesResponse, SubscribeCanvasUpdatesResponse__Output as _palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output } from '../../../palyra/gateway/v1/SubscribeCanvasUpdatesResponse.js';
import type { UpdateCanvasRequest as _palyra_gateway_v1_UpdateCanvasRequest, UpdateCanvasRequest__Output as _palyra_gateway_v1_UpdateCanvasRequest__Output } from '../../../palyra/gateway/v1/UpdateCanvasRequest.js';
import type { UpdateCanvasResponse as _palyra_gateway_v1_UpdateCanvasResponse, UpdateCanvasResponse__Output as _palyra_gateway_v1_UpdateCanvasResponse__Output } from '../../../palyra/gateway/v1/UpdateCanvasResponse.js';

export interface CanvasServiceClient extends grpc.Client {
  CloseCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  CloseCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  CloseCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  CloseCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  closeCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  closeCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  closeCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;
  closeCanvas(argument: _palyra_gateway_v1_CloseCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CloseCanvasResponse__Output>): grpc.ClientUnaryCall;

  CreateCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  CreateCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  CreateCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  CreateCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  createCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  createCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  createCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;
  createCanvas(argument: _palyra_gateway_v1_CreateCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CreateCanvasResponse__Output>): grpc.ClientUnaryCall;

  GetCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  GetCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  GetCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  GetCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  getCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  getCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  getCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;
  getCanvas(argument: _palyra_gateway_v1_GetCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetCanvasResponse__Output>): grpc.ClientUnaryCall;

  SubscribeCanvasUpdates(argument: _palyra_gateway_v1_SubscribeCanvasUpdatesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output>;
  SubscribeCanvasUpdates(argument: _palyra_gateway_v1_SubscribeCanvasUpdatesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output>;
  subscribeCanvasUpdates(argument: _palyra_gateway_v1_SubscribeCanvasUpdatesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output>;
  subscribeCanvasUpdates(argument: _palyra_gateway_v1_SubscribeCanvasUpdatesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output>;

  UpdateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  UpdateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  UpdateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  UpdateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  updateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  updateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  updateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;
  updateCanvas(argument: _palyra_gateway_v1_UpdateCanvasRequest, callback: grpc.requestCallback<_palyra_gateway_v1_UpdateCanvasResponse__Output>): grpc.ClientUnaryCall;

}

export interface CanvasServiceHandlers extends grpc.UntypedServiceImplementation {
  CloseCanvas: grpc.handleUnaryCall<_palyra_gateway_v1_CloseCanvasRequest__Output, _palyra_gateway_v1_CloseCanvasResponse>;

  CreateCanvas: grpc.handleUnaryCall<_palyra_gateway_v1_CreateCanvasRequest__Output, _palyra_gateway_v1_CreateCanvasResponse>;

  GetCanvas: grpc.handleUnaryCall<_palyra_gateway_v1_GetCanvasRequest__Output, _palyra_gateway_v1_GetCanvasResponse>;

  SubscribeCanvasUpdates: grpc.handleServerStreamingCall<_palyra_gateway_v1_SubscribeCanvasUpdatesRequest__Output, _palyra_gateway_v1_SubscribeCanvasUpdatesResponse>;

  UpdateCanvas: grpc.handleUnaryCall<_palyra_gateway_v1_UpdateCanvasRequest__Output, _palyra_gateway_v1_UpdateCanvasResponse>;

}

export interface CanvasServiceDefinition extends grpc.ServiceDefinition {
  CloseCanvas: MethodDefinition<_palyra_gateway_v1_CloseCanvasRequest, _palyra_gateway_v1_CloseCanvasResponse, _palyra_gateway_v1_CloseCanvasRequest__Output, _palyra_gateway_v1_CloseCanvasResponse__Output>
  CreateCanvas: MethodDefinition<_palyra_gateway_v1_CreateCanvasRequest, _palyra_gateway_v1_CreateCanvasResponse, _palyra_gateway_v1_CreateCanvasRequest__Output, _palyra_gateway_v1_CreateCanvasResponse__Output>
  GetCanvas: MethodDefinition<_palyra_gateway_v1_GetCanvasRequest, _palyra_gateway_v1_GetCanvasResponse, _palyra_gateway_v1_GetCanvasRequest__Output, _palyra_gateway_v1_GetCanvasResponse__Output>
  SubscribeCanvasUpdates: MethodDefinition<_palyra_gateway_v1_SubscribeCanvasUpdatesRequest, _palyra_gateway_v1_SubscribeCanvasUpdatesResponse, _palyra_gateway_v1_SubscribeCanvasUpdatesRequest__Output, _palyra_gateway_v1_SubscribeCanvasUpdatesResponse__Output>
  UpdateCanvas: MethodDefinition<_palyra_gateway_v1_UpdateCanvasRequest, _palyra_gateway_v1_UpdateCanvasResponse, _palyra_gateway_v1_UpdateCanvasRequest__Output, _palyra_gateway_v1_UpdateCanvasResponse__Output>
}
