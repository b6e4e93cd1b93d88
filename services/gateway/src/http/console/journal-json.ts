import { EVENT_ACTORS, JOURNAL_EVENT_KINDS } from '@palyra/core';
import type { StoredJournalEvent } from '@palyra/journal';
import Type, { type Static } from 'typebox';
import { Ulid, UnixMs } from './console-schemas.js';

/** A journal event as stored and hashed, with its chain links. */
export const JournalEventJsonSchema = Type.Object({
  chain_seq: Type.Integer({ minimum: 1 }),
  event_id: Ulid,
  session_id: Ulid,
  run_id: Type.Union([Ulid, Type.Null()]),
  /** Set on a run's stream events (what RunStream and SSE send), null on inputs and signals. */
  run_seq: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  kind: Type.Enum(JOURNAL_EVENT_KINDS),
  actor: Type.Enum(EVENT_ACTORS),
  /** The redacted payload exactly as hashed. */
  payload: Type.Unknown(),
  redacted: Type.Boolean(),
  /** Microseconds since the epoch, exactly as stored and hashed. */
  recorded_at_us: Type.Integer({ minimum: 0 }),
  timestamp_unix_ms: UnixMs,
  prev_hash: Type.String(),
  hash: Type.String(),
});
export type JournalEventJson = Static<typeof JournalEventJsonSchema>;

export function toJournalEventJson(event: StoredJournalEvent): JournalEventJson {
  return {
    chain_seq: event.chainSeq,
    event_id: event.eventId,
    session_id: event.sessionId,
    run_id: event.runId,
    run_seq: event.runSeq,
    kind: event.kind,
    actor: event.actor,
    payload: event.payload ?? null,
    redacted: event.redacted,
    recorded_at_us: event.recordedAtUs,
    timestamp_unix_ms: Math.floor(event.recordedAtUs / 1000),
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}
