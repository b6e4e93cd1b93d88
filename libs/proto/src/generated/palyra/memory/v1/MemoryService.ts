// Original file: proto/palyra/v1/memory.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteMemoryItemRequest as _palyra_memory_v1_DeleteMemoryItemRequest, DeleteMemoryItemRequest__Output as _palyra_memory_v1_DeleteMemoryItemRequest__Output } from '../../../palyra/memory/v1/DeleteMemoryItemRequest.js';
import type { DeleteMemoryItemResponse as _palyra_memory_v1_DeleteMemoryItemResponse, DeleteMemoryItemResponse__Output as _palyra_memory_v1_DeleteMemoryItemResponse__Output } from '../../../palyra/memory/v1/DeleteMemoryItemResponse.js';
import type { GetMemoryItemRequest as _palyra_memory_v1_GetMemoryItemRequest, GetMemoryItemRequest__Output as _palyra_memory_v1_GetMemoryItemRequest__Output } from '../../../palyra/memory/v1/GetMemoryItemRequest.js';
import type { GetMemoryItemResponse as _palyra_memory_v1_GetMemoryItemResponse, GetMemoryItemResponse__Output as _palyra_memory_v1_GetMemoryItemResponse__Output } from '../../../palyra/memory/v1/GetMemoryItemResponse.js';
import type { IngestMemoryRequest as _palyra_memory_v1_IngestMemoryRequest, IngestMemoryRequest__Output as _palyra_memory_v1_IngestMemoryRequest__Output } from '../../../palyra/memory/v1/IngestMemoryRequest.js';
import type { IngestMemoryResponse as _palyra_memory_v1_IngestMemoryResponse, IngestMemoryResponse__Output as _palyra_memory_v1_IngestMemoryResponse__Output } from '../../../palyra/memory/v1/IngestMemoryResponse.js';
import type { ListMemoryItemsRequest as _palyra_memory_v1_ListMemoryItemsRequest, ListMemoryItemsRequest__Output as _palyra_memory_v1_ListMemoryItemsRequest__Output } from '../../../palyra/memory/v1/ListMemoryItemsRequest.js';
import type { ListMemoryItemsResponse as _palyra_memory_v1_ListMemoryItemsResponse, ListMemoryItemsResponse__Output as _palyra_memory_v1_ListMemoryItemsResponse__Output } from '../../../palyra/memory/v1/ListMemoryItemsResponse.js';
import type { PurgeMemoryRequest as _palyra_memory_v1_PurgeMemoryRequest, PurgeMemoryRequest__Output as _palyra_memory_v1_PurgeMemoryRequest__Output } from '../../../palyra/memory/v1/PurgeMemoryRequest.js';
import type { PurgeMemoryResponse as _palyra_memory_v1_PurgeMemoryResponse, PurgeMemoryResponse__Output as _palyra_memory_v1_PurgeMemoryResponse__Output } from '../../../palyra/memory/v1/PurgeMemoryResponse.js';
import type { SearchMemoryRequest as _palyra_memory_v1_SearchMemoryRequest, SearchMemoryRequest__Output as _palyra_memory_v1_SearchMemoryRequest__Output } from '../../../palyra/memory/v1/SearchMemoryRequest.js';
import type { SearchMemoryResponse as _palyra_memory_v1_SearchMemoryResponse, SearchMemoryResponse__Output as _palyra_memory_v1_SearchMemoryResponse__Output } from '../../../palyra/memory/v1/SearchMemoryResponse.js';

export interface MemoryServiceClient extends grpc.Client {
  DeleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  DeleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  DeleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  DeleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  deleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  deleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  deleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  deleteMemoryItem(argument: _palyra_memory_v1_DeleteMemoryItemRequest, callback: grpc.requestCallback<_palyra_memory_v1_DeleteMemoryItemResponse__Output>): grpc.ClientUnaryCall;

  GetMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  GetMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  GetMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  GetMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  getMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  getMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  getMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;
  getMemoryItem(argument: _palyra_memory_v1_GetMemoryItemRequest, callback: grpc.requestCallback<_palyra_memory_v1_GetMemoryItemResponse__Output>): grpc.ClientUnaryCall;

  IngestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  IngestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  IngestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  IngestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  ingestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  ingestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  ingestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;
  ingestMemory(argument: _palyra_memory_v1_IngestMemoryRequest, callback: grpc.requestCallback<_palyra_memory_v1_IngestMemoryResponse__Output>): grpc.ClientUnaryCall;

  ListMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  ListMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  ListMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  ListMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  listMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  listMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  listMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;
  listMemoryItems(argument: _palyra_memory_v1_ListMemoryItemsRequest, callback: grpc.requestCallback<_palyra_memory_v1_ListMemoryItemsResponse__Output>): grpc.ClientUnaryCall;

  PurgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  PurgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  PurgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  PurgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  purgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  purgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  purgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;
  purgeMemory(argument: _palyra_memory_v1_PurgeMemoryRequest, callback: grpc.requestCallback<_palyra_memory_v1_PurgeMemoryResponse__Output>): grpc.ClientUnaryCall;

  SearchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  SearchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  SearchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  SearchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  searchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  searchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  searchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;
  searchMemory(argument: _palyra_memory_v1_SearchMemoryRequest, callback: grpc.requestCallback<_palyra_memory_v1_SearchMemoryResponse__Output>): grpc.ClientUnaryCall;

}

export interface MemoryServiceHandlers extends grpc.UntypedServiceImplementation {
  DeleteMemoryItem: grpc.handleUnaryCall<_palyra_memory_v1_DeleteMemoryItemRequest__Output, _palyra_memory_v1_DeleteMemoryItemResponse>;

  GetMemoryItem: grpc.handleUnaryCall<_palyra_memory_v1_GetMemoryItemRequest__Output, _palyra_memory_v1_GetMemoryItemResponse>;

  IngestMemory: grpc.handleUnaryCall<_palyra_memory_v1_IngestMemoryRequest__Output, _palyra_memory_v1_IngestMemoryResponse>;

  ListMemoryItems: grpc.handleUnaryCall<_palyra_memory_v1_ListMemoryItemsRequest__Output, _palyra_memory_v1_ListMemoryItemsResponse>;

  PurgeMemory: grpc.handleUnaryCall<_palyra_memory_v1_PurgeMemoryRequest__Output, _palyra_memory_v1_PurgeMemoryResponse>;

  SearchMemory: grpc.handleUnaryCall<_palyra_memory_v1_SearchMemoryRequest__Output, _palyra_memory_v1_SearchMemoryResponse>;

}

export interface MemoryServiceDefinition extends grpc.ServiceDefinition {
  DeleteMemoryItem: MethodDefinition<_palyra_memory_v1_DeleteMemoryItemRequest, _palyra_memory_v1_DeleteMemoryItemResponse, _palyra_memory_v1_DeleteMemoryItemRequest__Output, _palyra_memory_v1_DeleteMemoryItemResponse__Output>
  GetMemoryItem: MethodDefinition<_palyra_memory_v1_GetMemoryItemRequest, _palyra_memory_v1_GetMemoryItemResponse, _palyra_memory_v1_GetMemoryItemRequest__Output, _palyra_memory_v1_GetMemoryItemResponse__Output>
  IngestMemory: MethodDefinition<_palyra_memory_v1_IngestMemoryRequest, _palyra_memory_v1_IngestMemoryResponse, _palyra_memory_v1_IngestMemoryRequest__Output, _palyra_memory_v1_IngestMemoryResponse__Output>
  ListMemoryItems: MethodDefinition<_palyra_memory_v1_ListMemoryItemsRequest, _palyra_memory_v1_ListMemoryItemsResponse, _palyra_memory_v1_ListMemoryItemsRequest__Output, _palyra_memory_v1_ListMemoryItemsResponse__Output>
  PurgeMemory: MethodDefinition<_palyra_memory_v1_PurgeMemoryRequest, _palyra_memory_v1_PurgeMemoryResponse, _palyra_memory_v1_PurgeMemoryRequest__Output, _palyra_memory_v1_PurgeMemoryResponse__Output>
  SearchMemory: MethodDefinition<_palyra_memory_v1_SearchMemoryRequest, _palyra_memory_v1_SearchMemoryResponse, _palyra_memory_v1_SearchMemoryRequest__Output, _palyra_memory_v1_SearchMemoryResponse__Output>
}
