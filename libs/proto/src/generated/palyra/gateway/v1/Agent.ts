// Original file: proto/palyra/v1/gateway.proto

import type { Long } from '@grpc/proto-loader';

export interface Agent {
  'agent_id'?: (string);
  'display_name'?: (string);
  'agent_dir'?: (string);
  'workspace_roots'?: (string)[];
  'default_model_profile'?: (string);
  'default_tool_allowlist'?: (string)[];
  'default_skill_allowlist'?: (string)[];
  'created_at_unix_ms'?: (number | string | Long);
  'updated_at_unix_ms'?: (number | string | Long);
  'execution_backend_preference'?: (string);
  'system_prompt'?: (string);
  'config_hash'?: (string);
}

export interface Agent__Output {
  'agent_id': (string);
  'display_name': (string);
  'agent_dir': (string);
  'workspace_roots': (string)[];
  'default_model_profile': (string);
  'default_tool_allowlist': (string)[];
  'default_skill_allowlist': (string)[];
  'created_at_unix_ms': (number);
  'updated_at_unix_ms': (number);
  'execution_backend_preference': (string);
  'system_prompt': (string);
  'config_hash': (string);
}
