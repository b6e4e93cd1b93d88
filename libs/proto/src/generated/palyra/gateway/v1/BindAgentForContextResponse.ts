// Original file: proto/palyra/v1/gateway.proto

import type { AgentBinding as _palyra_gateway_v1_AgentBinding, AgentBinding__Output as _palyra_gateway_v1_AgentBinding__Output } from '../../../palyra/gateway/v1/AgentBinding.js';

export interface BindAgentForContextResponse {
  'v'?: (number);
  'binding'?: (_palyra_gateway_v1_AgentBinding | null);
  'created'?: (boolean);
}

export interface BindAgentForContextResponse__Output {
  'v': (number);
  'binding': (_palyra_gateway_v1_AgentBinding__Output | null);
  'created': (boolean);
}
