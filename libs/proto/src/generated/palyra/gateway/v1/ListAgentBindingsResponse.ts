// Original file: proto/palyra/v1/gateway.proto

import type { AgentBinding as _palyra_gateway_v1_AgentBinding, AgentBinding__Output as _palyra_gateway_v1_AgentBinding__Output } from '../../../palyra/gateway/v1/AgentBinding.js';

export interface ListAgentBindingsResponse {
  'v'?: (number);
  'bindings'?: (_palyra_gateway_v1_AgentBinding)[];
}

export interface ListAgentBindingsResponse__Output {
  'v': (number);
  'bindings': (_palyra_gateway_v1_AgentBinding__Output)[];
}
