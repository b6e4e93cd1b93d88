// Original file: proto/palyra/v1/gateway.proto


export interface ExecutionBackendInventory {
  'backend_id'?: (string);
  'label'?: (string);
  'state'?: (string);
  'selectable'?: (boolean);
  'selected_by_default'?: (boolean);
  'description'?: (string);
  'operator_summary'?: (string);
  'executor_label'?: (string);
  'rollout_flag'?: (string);
  'rollout_enabled'?: (boolean);
  'capabilities'?: (string)[];
  'tradeoffs'?: (string)[];
  'active_node_count'?: (number);
  'total_node_count'?: (number);
}

export interface ExecutionBackendInventory__Output {
  'backend_id': (string);
  'label': (string);
  'state': (string);
  'selectable': (boolean);
  'selected_by_default': (boolean);
  'description': (string);
  'operator_summary': (string);
  'executor_label': (string);
  'rollout_flag': (string);
  'rollout_enabled': (boolean);
  'capabilities': (string)[];
  'tradeoffs': (string)[];
  'active_node_count': (number);
  'total_node_count': (number);
}
