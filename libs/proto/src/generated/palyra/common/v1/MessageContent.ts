// Original file: proto/palyra/v1/common.proto

import type { MessageAttachment as _palyra_common_v1_MessageAttachment, MessageAttachment__Output as _palyra_common_v1_MessageAttachment__Output } from '../../../palyra/common/v1/MessageAttachment.js';

export interface MessageContent {
  'text'?: (string);
  'attachments'?: (_palyra_common_v1_MessageAttachment)[];
}

export interface MessageContent__Output {
  'text': (string);
  'attachments': (_palyra_common_v1_MessageAttachment__Output)[];
}
