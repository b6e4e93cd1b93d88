// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { EnvelopeOrigin as _palyra_common_v1_EnvelopeOrigin, EnvelopeOrigin__Output as _palyra_common_v1_EnvelopeOrigin__Output } from '../../../palyra/common/v1/EnvelopeOrigin.js';
import type { MessageContent as _palyra_common_v1_MessageContent, MessageContent__Output as _palyra_common_v1_MessageContent__Output } from '../../../palyra/common/v1/MessageContent.js';
import type { SecurityContext as _palyra_common_v1_SecurityContext, SecurityContext__Output as _palyra_common_v1_SecurityContext__Output } from '../../../palyra/common/v1/SecurityContext.js';
import type { Long } from '@grpc/proto-loader';

export interface MessageEnvelope {
  'v'?: (number);
  'envelope_id'?: (_palyra_common_v1_CanonicalId | null);
  'timestamp_unix_ms'?: (number | string | Long);
  'origin'?: (_palyra_common_v1_EnvelopeOrigin | null);
  'content'?: (_palyra_common_v1_MessageContent | null);
  'security'?: (_palyra_common_v1_SecurityContext | null);
  'max_payload_bytes'?: (number | string | Long);
}

export interface MessageEnvelope__Output {
  'v': (number);
  'envelope_id': (_palyra_common_v1_CanonicalId__Output | null);
  'timestamp_unix_ms': (number);
  'origin': (_palyra_common_v1_EnvelopeOrigin__Output | null);
  'content': (_palyra_common_v1_MessageContent__Output | null);
  'security': (_palyra_common_v1_SecurityContext__Output | null);
  'max_payload_bytes': (number);
}
