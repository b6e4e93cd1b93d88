// Original file: proto/palyra/v1/common.proto


// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_EnvelopeOrigin_OriginType = {
  ORIGIN_TYPE_UNSPECIFIED: 'ORIGIN_TYPE_UNSPECIFIED',
  ORIGIN_TYPE_CHANNEL: 'ORIGIN_TYPE_CHANNEL',
  ORIGIN_TYPE_WEB: 'ORIGIN_TYPE_WEB',
  ORIGIN_TYPE_CLI: 'ORIGIN_TYPE_CLI',
  ORIGIN_TYPE_NODE: 'ORIGIN_TYPE_NODE',
  ORIGIN_TYPE_SYSTEM: 'ORIGIN_TYPE_SYSTEM',
} as const;

export type _palyra_common_v1_EnvelopeOrigin_OriginType =
  | 'ORIGIN_TYPE_UNSPECIFIED'
  | 0
  | 'ORIGIN_TYPE_CHANNEL'
  | 1
  | 'ORIGIN_TYPE_WEB'
  | 2
  | 'ORIGIN_TYPE_CLI'
  | 3
  | 'ORIGIN_TYPE_NODE'
  | 4
  | 'ORIGIN_TYPE_SYSTEM'
  | 5

export type _palyra_common_v1_EnvelopeOrigin_OriginType__Output = typeof _palyra_common_v1_EnvelopeOrigin_OriginType[keyof typeof _palyra_common_v1_EnvelopeOrigin_OriginType]

export interface EnvelopeOrigin {
  'type'?: (_palyra_common_v1_EnvelopeOrigin_OriginType);
  'channel'?: (string);
  'conversation_id'?: (string);
  'sender_handle'?: (string);
  'sender_verified'?: (boolean);
  'sender_display'?: (string);
}

export interface EnvelopeOrigin__Output {
  'type': (_palyra_common_v1_EnvelopeOrigin_OriginType__Output);
  'channel': (string);
  'conversation_id': (string);
  'sender_handle': (string);
  'sender_verified': (boolean);
  'sender_display': (string);
}
