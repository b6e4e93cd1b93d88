// Original file: proto/palyra/v1/gateway.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AbortRunRequest as _palyra_gateway_v1_AbortRunRequest, AbortRunRequest__Output as _palyra_gateway_v1_AbortRunRequest__Output } from '../../../palyra/gateway/v1/AbortRunRequest.js';
import type { AbortRunResponse as _palyra_gateway_v1_AbortRunResponse, AbortRunResponse__Output as _palyra_gateway_v1_AbortRunResponse__Output } from '../../../palyra/gateway/v1/AbortRunResponse.js';
import type { AppendEventRequest as _palyra_gateway_v1_AppendEventRequest, AppendEventRequest__Output as _palyra_gateway_v1_AppendEventRequest__Output } from '../../../palyra/gateway/v1/AppendEventRequest.js';
import type { AppendEventResponse as _palyra_gateway_v1_AppendEventResponse, AppendEventResponse__Output as _palyra_gateway_v1_AppendEventResponse__Output } from '../../../palyra/gateway/v1/AppendEventResponse.js';
import type { BindAgentForContextRequest as _palyra_gateway_v1_BindAgentForContextRequest, BindAgentForContextRequest__Output as _palyra_gateway_v1_BindAgentForContextRequest__Output } from '../../../palyra/gateway/v1/BindAgentForContextRequest.js';
import type { BindAgentForContextResponse as _palyra_gateway_v1_BindAgentForContextResponse, BindAgentForContextResponse__Output as _palyra_gateway_v1_BindAgentForContextResponse__Output } from '../../../palyra/gateway/v1/BindAgentForContextResponse.js';
import type { CleanupSessionRequest as _palyra_gateway_v1_CleanupSessionRequest, CleanupSessionRequest__Output as _palyra_gateway_v1_CleanupSessionRequest__Output } from '../../../palyra/gateway/v1/CleanupSessionRequest.js';
import type { CleanupSessionResponse as _palyra_gateway_v1_CleanupSessionResponse, CleanupSessionResponse__Output as _palyra_gateway_v1_CleanupSessionResponse__Output } from '../../../palyra/gateway/v1/CleanupSessionResponse.js';
import type { CreateAgentRequest as _palyra_gateway_v1_CreateAgentRequest, CreateAgentRequest__Output as _palyra_gateway_v1_CreateAgentRequest__Output } from '../../../palyra/gateway/v1/CreateAgentRequest.js';
import type { CreateAgentResponse as _palyra_gateway_v1_CreateAgentResponse, CreateAgentResponse__Output as _palyra_gateway_v1_CreateAgentResponse__Output } from '../../../palyra/gateway/v1/CreateAgentResponse.js';
import type { DeleteAgentRequest as _palyra_gateway_v1_DeleteAgentRequest, DeleteAgentRequest__Output as _palyra_gateway_v1_DeleteAgentRequest__Output } from '../../../palyra/gateway/v1/DeleteAgentRequest.js';
import type { DeleteAgentResponse as _palyra_gateway_v1_DeleteAgentResponse, DeleteAgentResponse__Output as _palyra_gateway_v1_DeleteAgentResponse__Output } from '../../../palyra/gateway/v1/DeleteAgentResponse.js';
import type { GetAgentRequest as _palyra_gateway_v1_GetAgentRequest, GetAgentRequest__Output as _palyra_gateway_v1_GetAgentRequest__Output } from '../../../palyra/gateway/v1/GetAgentRequest.js';
import type { GetAgentResponse as _palyra_gateway_v1_GetAgentResponse, GetAgentResponse__Output as _palyra_gateway_v1_GetAgentResponse__Output } from '../../../palyra/gateway/v1/GetAgentResponse.js';
import type { HealthRequest as _palyra_gateway_v1_HealthRequest, HealthRequest__Output as _palyra_gateway_v1_HealthRequest__Output } from '../../../palyra/gateway/v1/HealthRequest.js';
import type { HealthResponse as _palyra_gateway_v1_HealthResponse, HealthResponse__Output as _palyra_gateway_v1_HealthResponse__Output } from '../../../palyra/gateway/v1/HealthResponse.js';
import type { ListAgentBindingsRequest as _palyra_gateway_v1_ListAgentBindingsRequest, ListAgentBindingsRequest__Output as _palyra_gateway_v1_ListAgentBindingsRequest__Output } from '../../../palyra/gateway/v1/ListAgentBindingsRequest.js';
import type { ListAgentBindingsResponse as _palyra_gateway_v1_ListAgentBindingsResponse, ListAgentBindingsResponse__Output as _palyra_gateway_v1_ListAgentBindingsResponse__Output } from '../../../palyra/gateway/v1/ListAgentBindingsResponse.js';
import type { ListAgentsRequest as _palyra_gateway_v1_ListAgentsRequest, ListAgentsRequest__Output as _palyra_gateway_v1_ListAgentsRequest__Output } from '../../../palyra/gateway/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _palyra_gateway_v1_ListAgentsResponse, ListAgentsResponse__Output as _palyra_gateway_v1_ListAgentsResponse__Output } from '../../../palyra/gateway/v1/ListAgentsResponse.js';
import type { ListSessionsRequest as _palyra_gateway_v1_ListSessionsRequest, ListSessionsRequest__Output as _palyra_gateway_v1_ListSessionsRequest__Output } from '../../../palyra/gateway/v1/ListSessionsRequest.js';
import type { ListSessionsResponse as _palyra_gateway_v1_ListSessionsResponse, ListSessionsResponse__Output as _palyra_gateway_v1_ListSessionsResponse__Output } from '../../../palyra/gateway/v1/ListSessionsResponse.js';
import type { ResolveAgentForContextRequest as _palyra_gateway_v1_ResolveAgentForContextRequest, ResolveAgentForContextRequest__Output as _palyra_gateway_v1_ResolveAgentForContextRequest__Output } from '../../../palyra/gateway/v1/ResolveAgentForContextRequest.js';
import type { ResolveAgentForContextResponse as _palyra_gateway_v1_ResolveAgentForContextResponse, ResolveAgentForContextResponse__Output as _palyra_gateway_v1_ResolveAgentForContextResponse__Output } from '../../../palyra/gateway/v1/ResolveAgentForContextResponse.js';
import type { ResolveSessionRequest as _palyra_gateway_v1_ResolveSessionRequest, ResolveSessionRequest__Output as _palyra_gateway_v1_ResolveSessionRequest__Output } from '../../../palyra/gateway/v1/ResolveSessionRequest.js';
import type { ResolveSessionResponse as _palyra_gateway_v1_ResolveSessionResponse, ResolveSessionResponse__Output as _palyra_gateway_v1_ResolveSessionResponse__Output } from '../../../palyra/gateway/v1/ResolveSessionResponse.js';
import type { RouteMessageRequest as _palyra_gateway_v1_RouteMessageRequest, RouteMessageRequest__Output as _palyra_gateway_v1_RouteMessageRequest__Output } from '../../../palyra/gateway/v1/RouteMessageRequest.js';
import type { RouteMessageResponse as _palyra_gateway_v1_RouteMessageResponse, RouteMessageResponse__Output as _palyra_gateway_v1_RouteMessageResponse__Output } from '../../../palyra/gateway/v1/RouteMessageResponse.js';
import type { RunStreamEvent as _palyra_common_v1_RunStreamEvent, RunStreamEvent__Output as _palyra_common_v1_RunStreamEvent__Output } from '../../../palyra/common/v1/RunStreamEvent.js';
import type { RunStreamRequest as _palyra_common_v1_RunStreamRequest, RunStreamRequest__Output as _palyra_common_v1_RunStreamRequest__Output } from '../../../palyra/common/v1/RunStreamRequest.js';
import type { SetDefaultAgentRequest as _palyra_gateway_v1_SetDefaultAgentRequest, SetDefaultAgentRequest__Output as _palyra_gateway_v1_SetDefaultAgentRequest__Output } from '../../../palyra/gateway/v1/SetDefaultAgentRequest.js';
import type { SetDefaultAgentResponse as _palyra_gateway_v1_SetDefaultAgentResponse, SetDefaultAgentResponse__Output as _palyra_gateway_v1_SetDefaultAgentResponse__Output } from '../../../palyra/gateway/v1/SetDefaultAgentResponse.js';
import type { UnbindAgentForContextRequest as _palyra_gateway_v1_UnbindAgentForContextRequest, UnbindAgentForContextRequest__Output as _palyra_gateway_v1_UnbindAgentForContextRequest__Output } from '../../../palyra/gateway/v1/UnbindAgentForContextRequest.js';
import type { UnbindAgentForContextResponse as _palyra_gateway_v1_UnbindAgentForContextResponse, UnbindAgentForContextResponse__Output as _palyra_gateway_v1_UnbindAgentForContextResponse__Output } from '../../../palyra/gateway/v1/UnbindAgentForContextResponse.js';

export interface GatewayServiceClient extends grpc.Client {
  AbortRun(argument: _palyra_gateway_v1_AbortRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  AbortRun(argument: _palyra_gateway_v1_AbortRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  AbortRun(argument: _palyra_gateway_v1_AbortRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  AbortRun(argument: _palyra_gateway_v1_AbortRunRequest, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  abortRun(argument: _palyra_gateway_v1_AbortRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  abortRun(argument: _palyra_gateway_v1_AbortRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  abortRun(argument: _palyra_gateway_v1_AbortRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;
  abortRun(argument: _palyra_gateway_v1_AbortRunRequest, callback: grpc.requestCallback<_palyra_gateway_v1_AbortRunResponse__Output>): grpc.ClientUnaryCall;

  AppendEvent(argument: _palyra_gateway_v1_AppendEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  AppendEvent(argument: _palyra_gateway_v1_AppendEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  AppendEvent(argument: _palyra_gateway_v1_AppendEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  AppendEvent(argument: _palyra_gateway_v1_AppendEventRequest, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  appendEvent(argument: _palyra_gateway_v1_AppendEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  appendEvent(argument: _palyra_gateway_v1_AppendEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  appendEvent(argument: _palyra_gateway_v1_AppendEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;
  appendEvent(argument: _palyra_gateway_v1_AppendEventRequest, callback: grpc.requestCallback<_palyra_gateway_v1_AppendEventResponse__Output>): grpc.ClientUnaryCall;

  BindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  BindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  BindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  BindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  bindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  bindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  bindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  bindAgentForContext(argument: _palyra_gateway_v1_BindAgentForContextRequest, callback: grpc.requestCallback<_palyra_gateway_v1_BindAgentForContextResponse__Output>): grpc.ClientUnaryCall;

  CleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  CleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  CleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  CleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  cleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  cleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  cleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;
  cleanupSession(argument: _palyra_gateway_v1_CleanupSessionRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CleanupSessionResponse__Output>): grpc.ClientUnaryCall;

  CreateAgent(argument: _palyra_gateway_v1_CreateAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  CreateAgent(argument: _palyra_gateway_v1_CreateAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  CreateAgent(argument: _palyra_gateway_v1_CreateAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  CreateAgent(argument: _palyra_gateway_v1_CreateAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _palyra_gateway_v1_CreateAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _palyra_gateway_v1_CreateAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _palyra_gateway_v1_CreateAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;
  createAgent(argument: _palyra_gateway_v1_CreateAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_CreateAgentResponse__Output>): grpc.ClientUnaryCall;

  DeleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  DeleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  DeleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  DeleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;
  deleteAgent(argument: _palyra_gateway_v1_DeleteAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_DeleteAgentResponse__Output>): grpc.ClientUnaryCall;

  GetAgent(argument: _palyra_gateway_v1_GetAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  GetAgent(argument: _palyra_gateway_v1_GetAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  GetAgent(argument: _palyra_gateway_v1_GetAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  GetAgent(argument: _palyra_gateway_v1_GetAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _palyra_gateway_v1_GetAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _palyra_gateway_v1_GetAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _palyra_gateway_v1_GetAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;
  getAgent(argument: _palyra_gateway_v1_GetAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_GetAgentResponse__Output>): grpc.ClientUnaryCall;

  GetHealth(argument: _palyra_gateway_v1_HealthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  GetHealth(argument: _palyra_gateway_v1_HealthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  GetHealth(argument: _palyra_gateway_v1_HealthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  GetHealth(argument: _palyra_gateway_v1_HealthRequest, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  getHealth(argument: _palyra_gateway_v1_HealthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  getHealth(argument: _palyra_gateway_v1_HealthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  getHealth(argument: _palyra_gateway_v1_HealthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;
  getHealth(argument: _palyra_gateway_v1_HealthRequest, callback: grpc.requestCallback<_palyra_gateway_v1_HealthResponse__Output>): grpc.ClientUnaryCall;

  ListAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  ListAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  ListAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  ListAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  listAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  listAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  listAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;
  listAgentBindings(argument: _palyra_gateway_v1_ListAgentBindingsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentBindingsResponse__Output>): grpc.ClientUnaryCall;

  ListAgents(argument: _palyra_gateway_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _palyra_gateway_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _palyra_gateway_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _palyra_gateway_v1_ListAgentsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _palyra_gateway_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _palyra_gateway_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _palyra_gateway_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _palyra_gateway_v1_ListAgentsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;

  ListSessions(argument: _palyra_gateway_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _palyra_gateway_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _palyra_gateway_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _palyra_gateway_v1_ListSessionsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _palyra_gateway_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _palyra_gateway_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _palyra_gateway_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _palyra_gateway_v1_ListSessionsRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;

  ResolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  ResolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  ResolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  ResolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  resolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  resolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  resolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  resolveAgentForContext(argument: _palyra_gateway_v1_ResolveAgentForContextRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveAgentForContextResponse__Output>): grpc.ClientUnaryCall;

  ResolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  ResolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  ResolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  ResolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  resolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  resolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  resolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;
  resolveSession(argument: _palyra_gateway_v1_ResolveSessionRequest, callback: grpc.requestCallback<_palyra_gateway_v1_ResolveSessionResponse__Output>): grpc.ClientUnaryCall;

  RouteMessage(argument: _palyra_gateway_v1_RouteMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  RouteMessage(argument: _palyra_gateway_v1_RouteMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  RouteMessage(argument: _palyra_gateway_v1_RouteMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  RouteMessage(argument: _palyra_gateway_v1_RouteMessageRequest, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  routeMessage(argument: _palyra_gateway_v1_RouteMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  routeMessage(argument: _palyra_gateway_v1_RouteMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  routeMessage(argument: _palyra_gateway_v1_RouteMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;
  routeMessage(argument: _palyra_gateway_v1_RouteMessageRequest, callback: grpc.requestCallback<_palyra_gateway_v1_RouteMessageResponse__Output>): grpc.ClientUnaryCall;

  RunStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamEvent__Output>;
  RunStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamEvent__Output>;
  runStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamEvent__Output>;
  runStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamEvent__Output>;

  SetDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  SetDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  SetDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  SetDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  setDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  setDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  setDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;
  setDefaultAgent(argument: _palyra_gateway_v1_SetDefaultAgentRequest, callback: grpc.requestCallback<_palyra_gateway_v1_SetDefaultAgentResponse__Output>): grpc.ClientUnaryCall;

  UnbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  UnbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  UnbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  UnbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  unbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  unbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  unbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;
  unbindAgentForContext(argument: _palyra_gateway_v1_UnbindAgentForContextRequest, callback: grpc.requestCallback<_palyra_gateway_v1_UnbindAgentForContextResponse__Output>): grpc.ClientUnaryCall;

}

export interface GatewayServiceHandlers extends grpc.UntypedServiceImplementation {
  AbortRun: grpc.handleUnaryCall<_palyra_gateway_v1_AbortRunRequest__Output, _palyra_gateway_v1_AbortRunResponse>;

  AppendEvent: grpc.handleUnaryCall<_palyra_gateway_v1_AppendEventRequest__Output, _palyra_gateway_v1_AppendEventResponse>;

  BindAgentForContext: grpc.handleUnaryCall<_palyra_gateway_v1_BindAgentForContextRequest__Output, _palyra_gateway_v1_BindAgentForContextResponse>;

  CleanupSession: grpc.handleUnaryCall<_palyra_gateway_v1_CleanupSessionRequest__Output, _palyra_gateway_v1_CleanupSessionResponse>;

  CreateAgent: grpc.handleUnaryCall<_palyra_gateway_v1_CreateAgentRequest__Output, _palyra_gateway_v1_CreateAgentResponse>;

  DeleteAgent: grpc.handleUnaryCall<_palyra_gateway_v1_DeleteAgentRequest__Output, _palyra_gateway_v1_DeleteAgentResponse>;

  GetAgent: grpc.handleUnaryCall<_palyra_gateway_v1_GetAgentRequest__Output, _palyra_gateway_v1_GetAgentResponse>;

  GetHealth: grpc.handleUnaryCall<_palyra_gateway_v1_HealthRequest__Output, _palyra_gateway_v1_HealthResponse>;

  ListAgentBindings: grpc.handleUnaryCall<_palyra_gateway_v1_ListAgentBindingsRequest__Output, _palyra_gateway_v1_ListAgentBindingsResponse>;

  ListAgents: grpc.handleUnaryCall<_palyra_gateway_v1_ListAgentsRequest__Output, _palyra_gateway_v1_ListAgentsResponse>;

  ListSessions: grpc.handleUnaryCall<_palyra_gateway_v1_ListSessionsRequest__Output, _palyra_gateway_v1_ListSessionsResponse>;

  ResolveAgentForContext: grpc.handleUnaryCall<_palyra_gateway_v1_ResolveAgentForContextRequest__Output, _palyra_gateway_v1_ResolveAgentForContextResponse>;

  ResolveSession: grpc.handleUnaryCall<_palyra_gateway_v1_ResolveSessionRequest__Output, _palyra_gateway_v1_ResolveSessionResponse>;

  RouteMessage: grpc.handleUnaryCall<_palyra_gateway_v1_RouteMessageRequest__Output, _palyra_gateway_v1_RouteMessageResponse>;

  RunStream: grpc.handleBidiStreamingCall<_palyra_common_v1_RunStreamRequest__Output, _palyra_common_v1_RunStreamEvent>;

  SetDefaultAgent: grpc.handleUnaryCall<_palyra_gateway_v1_SetDefaultAgentRequest__Output, _palyra_gateway_v1_SetDefaultAgentResponse>;

  UnbindAgentForContext: grpc.handleUnaryCall<_palyra_gateway_v1_UnbindAgentForContextRequest__Output, _palyra_gateway_v1_UnbindAgentForContextResponse>;

}

export interface GatewayServiceDefinition extends grpc.ServiceDefinition {
  AbortRun: MethodDefinition<_palyra_gateway_v1_AbortRunRequest, _palyra_gateway_v1_AbortRunResponse, _palyra_gateway_v1_AbortRunRequest__Output, _palyra_gateway_v1_AbortRunResponse__Output>
  AppendEvent: MethodDefinition<_palyra_gateway_v1_AppendEventRequest, _palyra_gateway_v1_AppendEventResponse, _palyra_gateway_v1_AppendEventRequest__Output, _palyra_gateway_v1_AppendEventResponse__Output>
  BindAgentForContext: MethodDefinition<_palyra_gateway_v1_BindAgentForContextRequest, _palyra_gateway_v1_BindAgentForContextResponse, _palyra_gateway_v1_BindAgentForContextRequest__Output, _palyra_gateway_v1_BindAgentForContextResponse__Output>
  CleanupSession: MethodDefinition<_palyra_gateway_v1_CleanupSessionRequest, _palyra_gateway_v1_CleanupSessionResponse, _palyra_gateway_v1_CleanupSessionRequest__Output, _palyra_gateway_v1_CleanupSessionResponse__Output>
  CreateAgent: MethodDefinition<_palyra_gateway_v1_CreateAgentRequest, _palyra_gateway_v1_CreateAgentResponse, _palyra_gateway_v1_CreateAgentRequest__Output, _palyra_gateway_v1_CreateAgentResponse__Output>
  DeleteAgent: MethodDefinition<_palyra_gateway_v1_DeleteAgentRequest, _palyra_gateway_v1_DeleteAgentResponse, _palyra_gateway_v1_DeleteAgentRequest__Output, _palyra_gateway_v1_DeleteAgentResponse__Output>
  GetAgent: MethodDefinition<_palyra_gateway_v1_GetAgentRequest, _palyra_gateway_v1_GetAgentResponse, _palyra_gateway_v1_GetAgentRequest__Output, _palyra_gateway_v1_GetAgentResponse__Output>
  GetHealth: MethodDefinition<_palyra_gateway_v1_HealthRequest, _palyra_gateway_v1_HealthResponse, _palyra_gateway_v1_HealthRequest__Output, _palyra_gateway_v1_HealthResponse__Output>
  ListAgentBindings: MethodDefinition<_palyra_gateway_v1_ListAgentBindingsRequest, _palyra_gateway_v1_ListAgentBindingsResponse, _palyra_gateway_v1_ListAgentBindingsRequest__Output, _palyra_gateway_v1_ListAgentBindingsResponse__Output>
  ListAgents: MethodDefinition<_palyra_gateway_v1_ListAgentsRequest, _palyra_gateway_v1_ListAgentsResponse, _palyra_gateway_v1_ListAgentsRequest__Output, _palyra_gateway_v1_ListAgentsResponse__Output>
  ListSessions: MethodDefinition<_palyra_gateway_v1_ListSessionsRequest, _palyra_gateway_v1_ListSessionsResponse, _palyra_gateway_v1_ListSessionsRequest__Output, _palyra_gateway_v1_ListSessionsResponse__Output>
  ResolveAgentForContext: MethodDefinition<_palyra_gateway_v1_ResolveAgentForContextRequest, _palyra_gateway_v1_ResolveAgentForContextResponse, _palyra_gateway_v1_ResolveAgentForContextRequest__Output, _palyra_gateway_v1_ResolveAgentForContextResponse__Output>
  ResolveSession: MethodDefinition<_palyra_gateway_v1_ResolveSessionRequest, _palyra_gateway_v1_ResolveSessionResponse, _palyra_gateway_v1_ResolveSessionRequest__Output, _palyra_gateway_v1_ResolveSessionResponse__Output>
  RouteMessage: MethodDefinition<_palyra_gateway_v1_RouteMessageRequest, _palyra_gateway_v1_RouteMessageResponse, _palyra_gateway_v1_RouteMessageRequest__Output, _palyra_gateway_v1_RouteMessageResponse__Output>
  RunStream: MethodDefinition<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamEvent, _palyra_common_v1_RunStreamRequest__Output, _palyra_common_v1_RunStreamEvent__Output>
  SetDefaultAgent: MethodDefinition<_palyra_gateway_v1_SetDefaultAgentRequest, _palyra_gateway_v1_SetDefaultAgentResponse, _palyra_gateway_v1_SetDefaultAgentRequest__Output, _palyra_gateway_v1_SetDefaultAgentResponse__Output>
  UnbindAgentForContext: MethodDefinition<_palyra_gateway_v1_UnbindAgentForContextRequest, _palyra_gateway_v1_UnbindAgentForContextResponse, _palyra_gateway_v1_UnbindAgentForContextRequest__Output, _palyra_gateway_v1_UnbindAgentForContextResponse__Output>
}
