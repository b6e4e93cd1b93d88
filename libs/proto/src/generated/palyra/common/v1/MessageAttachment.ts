// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_MessageAttachment_AttachmentKind = {
  ATTACHMENT_KIND_UNSPECIFIED: 'ATTACHMENT_KIND_UNSPECIFIED',
  ATTACHMENT_KIND_IMAGE: 'ATTACHMENT_KIND_IMAGE',
  ATTACHMENT_KIND_FILE: 'ATTACHMENT_KIND_FILE',
  ATTACHMENT_KIND_AUDIO: 'ATTACHMENT_KIND_AUDIO',
  ATTACHMENT_KIND_VIDEO: 'ATTACHMENT_KIND_VIDEO',
} as const;

export type _palyra_common_v1_MessageAttachment_AttachmentKind =
  | 'ATTACHMENT_KIND_UNSPECIFIED'
  | 0
  | 'ATTACHMENT_KIND_IMAGE'
  | 1
  | 'ATTACHMENT_KIND_FILE'
  | 2
  | 'ATTACHMENT_KIND_AUDIO'
  | 3
  | 'ATTACHMENT_KIND_VIDEO'
  | 4

export type _palyra_common_v1_MessageAttachment_AttachmentKind__Output = typeof _palyra_common_v1_MessageAttachment_AttachmentKind[keyof typeof _palyra_common_v1_MessageAttachment_AttachmentKind]

export interface MessageAttachment {
  'kind'?: (_palyra_common_v1_MessageAttachment_AttachmentKind);
  'artifact_id'?: (_palyra_common_v1_CanonicalId | null);
  'size_bytes'?: (number | string | Long);
  'attachment_id'?: (string);
  'filename'?: (string);
  'declared_content_type'?: (string);
  'source_url'?: (string);
  'content_hash'?: (string);
  'origin'?: (string);
  'policy_context'?: (string);
  'inline_bytes'?: (Buffer | Uint8Array | string);
  'upload_requested'?: (boolean);
  'width_px'?: (number);
  'height_px'?: (number);
}

export interface MessageAttachment__Output {
  'kind': (_palyra_common_v1_MessageAttachment_AttachmentKind__Output);
  'artifact_id': (_palyra_common_v1_CanonicalId__Output | null);
  'size_bytes': (number);
  'attachment_id': (string);
  'filename': (string);
  'declared_content_type': (string);
  'source_url': (string);
  'content_hash': (string);
  'origin': (string);
  'policy_context': (string);
  'inline_bytes': (Buffer);
  'upload_requested': (boolean);
  'width_px': (number);
  'height_px': (number);
}
