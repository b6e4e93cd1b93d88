// Original file: proto/palyra/v1/gateway.proto


export interface ApprovalPolicySnapshot {
  'policy_id'?: (string);
  'policy_hash'?: (string);
  'evaluation_summary'?: (string);
}

export interface ApprovalPolicySnapshot__Output {
  'policy_id': (string);
  'policy_hash': (string);
  'evaluation_summary': (string);
}
