// Original file: proto/palyra/v1/gateway.proto

import type { Agent as _palyra_gateway_v1_Agent, Agent__Output as _palyra_gateway_v1_Agent__Output } from '../../../palyra/gateway/v1/Agent.js';
import type { AgentResolutionSource as _palyra_gateway_v1_AgentResolutionSource, AgentResolutionSource__Output as _palyra_gateway_v1_AgentResolutionSource__Output } from '../../../palyra/gateway/v1/AgentResolutionSource.js';
import type { ExecutionBackendInventory as _palyra_gateway_v1_ExecutionBackendInventory, ExecutionBackendInventory__Output as _palyra_gateway_v1_ExecutionBackendInventory__Output } from '../../../palyra/gateway/v1/ExecutionBackendInventory.js';

export interface ResolveAgentForContextResponse {
  'v'?: (number);
  'agent'?: (_palyra_gateway_v1_Agent | null);
  'source'?: (_palyra_gateway_v1_AgentResolutionSource);
  'binding_created'?: (boolean);
  'is_default'?: (boolean);
  'resolved_execution_backend'?: (string);
  'execution_backend_fallback_used'?: (boolean);
  'execution_backend_reason'?: (string);
  'execution_backends'?: (_palyra_gateway_v1_ExecutionBackendInventory)[];
}

export interface ResolveAgentForContextResponse__Output {
  'v': (number);
  'agent': (_palyra_gateway_v1_Agent__Output | null);
  'source': (_palyra_gateway_v1_AgentResolutionSource__Output);
  'binding_created': (boolean);
  'is_default': (boolean);
  'resolved_execution_backend': (string);
  'execution_backend_fallback_used': (boolean);
  'execution_backend_reason': (string);
  'execution_backends': (_palyra_gateway_v1_ExecutionBackendInventory__Output)[];
}
