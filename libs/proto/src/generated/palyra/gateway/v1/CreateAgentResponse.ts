// Original file: proto/palyra/v1/gateway.proto

import type { Agent as _palyra_gateway_v1_Agent, Agent__Output as _palyra_gateway_v1_Agent__Output } from '../../../palyra/gateway/v1/Agent.js';
import type { ExecutionBackendInventory as _palyra_gateway_v1_ExecutionBackendInventory, ExecutionBackendInventory__Output as _palyra_gateway_v1_ExecutionBackendInventory__Output } from '../../../palyra/gateway/v1/ExecutionBackendInventory.js';

export interface CreateAgentResponse {
  'v'?: (number);
  'agent'?: (_palyra_gateway_v1_Agent | null);
  'default_changed'?: (boolean);
  'default_agent_id'?: (string);
  'execution_backends'?: (_palyra_gateway_v1_ExecutionBackendInventory)[];
  'resolved_execution_backend'?: (string);
  'execution_backend_fallback_used'?: (boolean);
  'execution_backend_reason'?: (string);
}

export interface CreateAgentResponse__Output {
  'v': (number);
  'agent': (_palyra_gateway_v1_Agent__Output | null);
  'default_changed': (boolean);
  'default_agent_id': (string);
  'execution_backends': (_palyra_gateway_v1_ExecutionBackendInventory__Output)[];
  'resolved_execution_backend': (string);
  'execution_backend_fallback_used': (boolean);
  'execution_backend_reason': (string);
}
