// Original file: proto/palyra/v1/gateway.proto


export interface GetAgentRequest {
  'v'?: (number);
  'agent_id'?: (string);
}

export interface GetAgentRequest__Output {
  'v': (number);
  'agent_id': (string);
}
