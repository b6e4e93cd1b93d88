import type { ModelTokenPayload } from '@palyra/core';
import type { StoredJournalEvent } from '@palyra/journal';

// Journal payloads are `unknown` (JSON as stored); these narrow the ones the worker reads. A
// malformed payload reads as absent rather than throwing: the journal is append-only, so a bad
// event must not wedge every later delivery of its run.

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The text of a `message_received` event ('' when it carries none). */
export function inputText(event: StoredJournalEvent): string {
  const text = record(event.payload)?.text;
  return typeof text === 'string' ? text : '';
}

export function modelTokenPayload(event: StoredJournalEvent): ModelTokenPayload | undefined {
  const payload = record(event.payload);
  if (
    payload === undefined ||
    typeof payload.text !== 'string' ||
    typeof payload.is_final !== 'boolean' ||
    typeof payload.turn !== 'number' ||
    typeof payload.in_reply_to !== 'string'
  ) {
    return undefined;
  }
  const token: ModelTokenPayload = {
    text: payload.text,
    is_final: payload.is_final,
    turn: payload.turn,
    in_reply_to: payload.in_reply_to,
  };
  return payload.awaiting_input === true ? { ...token, awaiting_input: true } : token;
}

export function statusOf(event: StoredJournalEvent): string | undefined {
  const status = record(event.payload)?.status;
  return typeof status === 'string' ? status : undefined;
}

export function reasonOf(event: StoredJournalEvent): string | undefined {
  const reason = record(event.payload)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
