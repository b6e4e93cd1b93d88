// Original file: proto/palyra/v1/gateway.proto


export interface DeleteAgentResponse {
  'v'?: (number);
  'deleted_agent_id'?: (string);
  'deleted'?: (boolean);
  'removed_bindings_count'?: (number);
  'previous_default_agent_id'?: (string);
  'default_agent_id'?: (string);
  'agent_dir'?: (string);
}

export interface DeleteAgentResponse__Output {
  'v': (number);
  'deleted_agent_id': (string);
  'deleted': (boolean);
  'removed_bindings_count': (number);
  'previous_default_agent_id': (string);
  'default_agent_id': (string);
  'agent_dir': (string);
}
