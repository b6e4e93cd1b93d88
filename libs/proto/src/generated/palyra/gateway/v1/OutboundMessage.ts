// Original file: proto/palyra/v1/gateway.proto

import type { MessageAttachment as _palyra_common_v1_MessageAttachment, MessageAttachment__Output as _palyra_common_v1_MessageAttachment__Output } from '../../../palyra/common/v1/MessageAttachment.js';
import type { A2uiUpdate as _palyra_common_v1_A2uiUpdate, A2uiUpdate__Output as _palyra_common_v1_A2uiUpdate__Output } from '../../../palyra/common/v1/A2uiUpdate.js';

export interface OutboundMessage {
  'text'?: (string);
  'attachments'?: (_palyra_common_v1_MessageAttachment)[];
  'thread_id'?: (string);
  'in_reply_to_message_id'?: (string);
  'broadcast'?: (boolean);
  'auto_ack_text'?: (string);
  'auto_reaction'?: (string);
  'structured_json'?: (Buffer | Uint8Array | string);
  'a2ui_update'?: (_palyra_common_v1_A2uiUpdate | null);
}

export interface OutboundMessage__Output {
  'text': (string);
  'attachments': (_palyra_common_v1_MessageAttachment__Output)[];
  'thread_id': (string);
  'in_reply_to_message_id': (string);
  'broadcast': (boolean);
  'auto_ack_text': (string);
  'auto_reaction': (string);
  'structured_json': (Buffer);
  'a2ui_update': (_palyra_common_v1_A2uiUpdate__Output | null);
}
