// Original file: proto/palyra/v1/gateway.proto

import type { Agent as _palyra_gateway_v1_Agent, Agent__Output as _palyra_gateway_v1_Agent__Output } from '../../../palyra/gateway/v1/Agent.js';
import type { ExecutionBackendInventory as _palyra_gateway_v1_ExecutionBackendInventory, ExecutionBackendInventory__Output as _palyra_gateway_v1_ExecutionBackendInventory__Output } from '../../../palyra/gateway/v1/ExecutionBackendInventory.js';

export interface ListAgentsResponse {
  'v'?: (number);
  'agents'?: (_palyra_gateway_v1_Agent)[];
  'default_agent_id'?: (string);
  'next_after_agent_id'?: (string);
  'execution_backends'?: (_palyra_gateway_v1_ExecutionBackendInventory)[];
}

export interface ListAgentsResponse__Output {
  'v': (number);
  'agents': (_palyra_gateway_v1_Agent__Output)[];
  'default_agent_id': (string);
  'next_after_agent_id': (string);
  'execution_backends': (_palyra_gateway_v1_ExecutionBackendInventory__Output)[];
}
