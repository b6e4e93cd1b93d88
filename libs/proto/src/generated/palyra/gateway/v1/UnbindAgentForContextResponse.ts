// Original file: proto/palyra/v1/gateway.proto


export interface UnbindAgentForContextResponse {
  'v'?: (number);
  'removed'?: (boolean);
  'removed_agent_id'?: (string);
}

export interface UnbindAgentForContextResponse__Output {
  'v': (number);
  'removed': (boolean);
  'removed_agent_id': (string);
}
