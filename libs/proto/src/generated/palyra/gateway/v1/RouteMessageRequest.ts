// Original file: proto/palyra/v1/gateway.proto

import type { MessageEnvelope as _palyra_common_v1_MessageEnvelope, MessageEnvelope__Output as _palyra_common_v1_MessageEnvelope__Output } from '../../../palyra/common/v1/MessageEnvelope.js';

export interface RouteMessageRequest {
  'v'?: (number);
  'envelope'?: (_palyra_common_v1_MessageEnvelope | null);
  'is_direct_message'?: (boolean);
  'request_broadcast'?: (boolean);
  'adapter_message_id'?: (string);
  'adapter_thread_id'?: (string);
  'retry_attempt'?: (number);
  'session_label'?: (string);
}

export interface RouteMessageRequest__Output {
  'v': (number);
  'envelope': (_palyra_common_v1_MessageEnvelope__Output | null);
  'is_direct_message': (boolean);
  'request_broadcast': (boolean);
  'adapter_message_id': (string);
  'adapter_thread_id': (string);
  'retry_attempt': (number);
  'session_label': (string);
}
