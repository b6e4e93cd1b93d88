// Original file: proto/palyra/v1/gateway.proto


export interface SetDefaultAgentResponse {
  'v'?: (number);
  'previous_agent_id'?: (string);
  'default_agent_id'?: (string);
}

export interface SetDefaultAgentResponse__Output {
  'v': (number);
  'previous_agent_id': (string);
  'default_agent_id': (string);
}
