import type { RunEventRecord } from '@palyra/core';
import type { StoredJournalEvent } from './ports.js';

/** A stored stream event in the shape the live feed carries (what workers publish after appending). */
export function toRunEventRecord(event: StoredJournalEvent): RunEventRecord {
  return {
    tenantId: event.tenantId,
    sessionId: event.sessionId,
    runId: event.runId ?? '',
    seq: event.runSeq ?? 0,
    eventId: event.eventId,
    kind: event.kind,
    actor: event.actor,
    payload: event.payload,
    timestampUnixMs: Math.floor(event.recordedAtUs / 1000),
  };
}
