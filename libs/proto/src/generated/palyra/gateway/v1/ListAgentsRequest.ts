// Original file: proto/palyra/v1/gateway.proto


export interface ListAgentsRequest {
  'v'?: (number);
  'limit'?: (number);
  'after_agent_id'?: (string);
}

export interface ListAgentsRequest__Output {
  'v': (number);
  'limit': (number);
  'after_agent_id': (string);
}
