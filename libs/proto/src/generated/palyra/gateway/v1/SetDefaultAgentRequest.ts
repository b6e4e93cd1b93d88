// Original file: proto/palyra/v1/gateway.proto


export interface SetDefaultAgentRequest {
  'v'?: (number);
  'agent_id'?: (string);
}

export interface SetDefaultAgentRequest__Output {
  'v': (number);
  'agent_id': (string);
}
