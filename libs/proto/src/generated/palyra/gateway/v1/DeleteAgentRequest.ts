// Original file: proto/palyra/v1/gateway.proto


export interface DeleteAgentRequest {
  'v'?: (number);
  'agent_id'?: (string);
}

export interface DeleteAgentRequest__Output {
  'v': (number);
  'agent_id': (string);
}
