// Original file: proto/palyra/v1/gateway.proto


export interface CreateAgentRequest {
  'v'?: (number);
  'agent_id'?: (string);
  'display_name'?: (string);
  'agent_dir'?: (string);
  'workspace_roots'?: (string)[];
  'default_model_profile'?: (string);
  'default_tool_allowlist'?: (string)[];
  'default_skill_allowlist'?: (string)[];
  'set_default'?: (boolean);
  'allow_absolute_paths'?: (boolean);
  'execution_backend_preference'?: (string);
  'system_prompt'?: (string);
}

export interface CreateAgentRequest__Output {
  'v': (number);
  'agent_id': (string);
  'display_name': (string);
  'agent_dir': (string);
  'workspace_roots': (string)[];
  'default_model_profile': (string);
  'default_tool_allowlist': (string)[];
  'default_skill_allowlist': (string)[];
  'set_default': (boolean);
  'allow_absolute_paths': (boolean);
  'execution_backend_preference': (string);
  'system_prompt': (string);
}
