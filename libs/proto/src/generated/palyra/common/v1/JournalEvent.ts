// Original file: proto/palyra/v1/common.proto

import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from '../../../palyra/common/v1/CanonicalId.js';
import type { Long } from '@grpc/proto-loader';

// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_JournalEvent_EventActor = {
  EVENT_ACTOR_UNSPECIFIED: 'EVENT_ACTOR_UNSPECIFIED',
  EVENT_ACTOR_USER: 'EVENT_ACTOR_USER',
  EVENT_ACTOR_AGENT: 'EVENT_ACTOR_AGENT',
  EVENT_ACTOR_SYSTEM: 'EVENT_ACTOR_SYSTEM',
  EVENT_ACTOR_PLUGIN: 'EVENT_ACTOR_PLUGIN',
} as const;

export type _palyra_common_v1_JournalEvent_EventActor =
  | 'EVENT_ACTOR_UNSPECIFIED'
  | 0
  | 'EVENT_ACTOR_USER'
  | 1
  | 'EVENT_ACTOR_AGENT'
  | 2
  | 'EVENT_ACTOR_SYSTEM'
  | 3
  | 'EVENT_ACTOR_PLUGIN'
  | 4

export type _palyra_common_v1_JournalEvent_EventActor__Output = typeof _palyra_common_v1_JournalEvent_EventActor[keyof typeof _palyra_common_v1_JournalEvent_EventActor]

// Original file: proto/palyra/v1/common.proto

export const _palyra_common_v1_JournalEvent_EventKind = {
  EVENT_KIND_UNSPECIFIED: 'EVENT_KIND_UNSPECIFIED',
  EVENT_KIND_MESSAGE_RECEIVED: 'EVENT_KIND_MESSAGE_RECEIVED',
  EVENT_KIND_MODEL_TOKEN: 'EVENT_KIND_MODEL_TOKEN',
  EVENT_KIND_TOOL_PROPOSED: 'EVENT_KIND_TOOL_PROPOSED',
  EVENT_KIND_TOOL_EXECUTED: 'EVENT_KIND_TOOL_EXECUTED',
  EVENT_KIND_A2UI_UPDATED: 'EVENT_KIND_A2UI_UPDATED',
  EVENT_KIND_RUN_COMPLETED: 'EVENT_KIND_RUN_COMPLETED',
  EVENT_KIND_RUN_FAILED: 'EVENT_KIND_RUN_FAILED',
} as const;

export type _palyra_common_v1_JournalEvent_EventKind =
  | 'EVENT_KIND_UNSPECIFIED'
  | 0
  | 'EVENT_KIND_MESSAGE_RECEIVED'
  | 1
  | 'EVENT_KIND_MODEL_TOKEN'
  | 2
  | 'EVENT_KIND_TOOL_PROPOSED'
  | 3
  | 'EVENT_KIND_TOOL_EXECUTED'
  | 4
  | 'EVENT_KIND_A2UI_UPDATED'
  | 5
  | 'EVENT_KIND_RUN_COMPLETED'
  | 6
  | 'EVENT_KIND_RUN_FAILED'
  | 7

export type _palyra_common_v1_JournalEvent_EventKind__Output = typeof _palyra_common_v1_JournalEvent_EventKind[keyof typeof _palyra_common_v1_JournalEvent_EventKind]

export interface JournalEvent {
  'v'?: (number);
  'event_id'?: (_palyra_common_v1_CanonicalId | null);
  'session_id'?: (_palyra_common_v1_CanonicalId | null);
  'run_id'?: (_palyra_common_v1_CanonicalId | null);
  'kind'?: (_palyra_common_v1_JournalEvent_EventKind);
  'actor'?: (_palyra_common_v1_JournalEvent_EventActor);
  'timestamp_unix_ms'?: (number | string | Long);
  'payload_json'?: (Buffer | Uint8Array | string);
  'hash'?: (string);
  'prev_hash'?: (string);
}

export interface JournalEvent__Output {
  'v': (number);
  'event_id': (_palyra_common_v1_CanonicalId__Output | null);
  'session_id': (_palyra_common_v1_CanonicalId__Output | null);
  'run_id': (_palyra_common_v1_CanonicalId__Output | null);
  'kind': (_palyra_common_v1_JournalEvent_EventKind__Output);
  'actor': (_palyra_common_v1_JournalEvent_EventActor__Output);
  'timestamp_unix_ms': (number);
  'payload_json': (Buffer);
  'hash': (string);
  'prev_hash': (string);
}
