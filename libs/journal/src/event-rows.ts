import {
  canonicalJson,
  EVENT_ACTORS,
  type EventActor,
  invalidArgument,
  isJournalEventKind,
  type JournalEventKind,
  LIMITS,
  PalyraError,
  redactJsonBytes,
  redactValue,
  requireUlid,
} from '@palyra/core';
import type { Selectable } from 'kysely';
import { toNullableSafeInteger, toSafeInteger } from './db-values.js';
import type { NewJournalEvent, StoredJournalEvent } from './ports.js';
import type { JournalEventsTable } from './schema.js';

export type JournalEventRow = Selectable<JournalEventsTable>;

/** A validated, redacted event ready to be chained: everything but the chain fields. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly runId: string | null;
  readonly runSeq: number | null;
  readonly kind: JournalEventKind;
  readonly actor: EventActor;
  readonly payloadJson: string;
  readonly redacted: boolean;
}

/**
 * Validates an event and turns its payload into the canonical JSON that is stored and hashed:
 * redacted first (bytes through redactJsonBytes, values through redactValue), then size-checked
 * on the canonical bytes, so a too-large batch fails before anything is written.
 */
export function prepareEvent(event: NewJournalEvent): PreparedEvent {
  const eventId = requireUlid(event.eventId, 'event_id');
  const runId = event.runId === undefined || event.runId === null ? null : requireUlid(event.runId, 'run_id');
  const runSeq = event.runSeq === undefined || event.runSeq === null ? null : event.runSeq;
  if (runSeq !== null && (!Number.isSafeInteger(runSeq) || runSeq < 1)) {
    throw invalidArgument('run_seq', 'run_seq must be a positive integer');
  }
  if (runSeq !== null && runId === null) throw invalidArgument('run_seq', 'run_seq requires run_id');
  if (!isJournalEventKind(event.kind))
    throw invalidArgument('kind', `unknown event kind ${String(event.kind)}`);
  if (!(EVENT_ACTORS as readonly string[]).includes(event.actor)) {
    throw invalidArgument('actor', `unknown event actor ${String(event.actor)}`);
  }

  const { value, redacted } =
    event.payload instanceof Uint8Array ? redactJsonBytes(event.payload) : redactValue(event.payload ?? null);
  let payloadJson: string;
  try {
    payloadJson = canonicalJson(value);
  } catch (error) {
    const message = `payload of event ${eventId} is not JSON-encodable`;
    throw new PalyraError('INVALID_ARGUMENT', message, {
      cause: error,
      violations: [{ field: 'payload', code: 'invalid', message }],
    });
  }
  const bytes = Buffer.byteLength(payloadJson, 'utf8');
  if (bytes > LIMITS.journalPayloadBytes) {
    throw new PalyraError(
      'PAYLOAD_TOO_LARGE',
      `payload of event ${eventId} is ${bytes} bytes, over the limit of ${LIMITS.journalPayloadBytes} bytes`,
      { details: { eventId, bytes, limit: LIMITS.journalPayloadBytes } },
    );
  }
  return { eventId, runId, runSeq, kind: event.kind, actor: event.actor, payloadJson, redacted };
}

/** Whether a stored event is the same append as `prepared` (the idempotent-retry case). */
export function isSameEvent(stored: StoredJournalEvent, sessionId: string, prepared: PreparedEvent): boolean {
  return (
    stored.sessionId === sessionId &&
    stored.runId === prepared.runId &&
    stored.runSeq === prepared.runSeq &&
    stored.kind === prepared.kind &&
    stored.actor === prepared.actor &&
    stored.payloadJson === prepared.payloadJson
  );
}

export function toStoredEvent(row: JournalEventRow): StoredJournalEvent {
  return {
    tenantId: row.tenant_id,
    sessionId: row.session_id,
    chainSeq: toSafeInteger(row.chain_seq),
    eventId: row.event_id,
    runId: row.run_id,
    runSeq: toNullableSafeInteger(row.run_seq),
    kind: row.kind as JournalEventKind,
    actor: row.actor as EventActor,
    payload: JSON.parse(row.payload),
    payloadJson: row.payload,
    redacted: row.redacted,
    recordedAtUs: toSafeInteger(row.recorded_at_us),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
