import type { ModelTokenPayload, PlannedToolCallPayload } from '@palyra/core';
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
  const toolCalls = plannedToolCalls(payload.tool_calls);
  if (toolCalls.length > 0) return { ...token, tool_calls: toolCalls };
  return payload.awaiting_input === true ? { ...token, awaiting_input: true } : token;
}

function plannedToolCalls(value: unknown): PlannedToolCallPayload[] {
  if (!Array.isArray(value)) return [];
  const calls: PlannedToolCallPayload[] = [];
  for (const item of value) {
    const call = record(item);
    if (
      typeof call?.call_id === 'string' &&
      typeof call.tool_name === 'string' &&
      typeof call.arguments_json === 'string'
    ) {
      calls.push({ call_id: call.call_id, tool_name: call.tool_name, arguments_json: call.arguments_json });
    }
  }
  return calls;
}

export function payloadRecord(event: StoredJournalEvent): Record<string, unknown> | undefined {
  return record(event.payload);
}

export function stringField(payload: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = payload?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function approvalResponseOf(
  event: StoredJournalEvent,
): { readonly approved: boolean; readonly reason: string } | undefined {
  const payload = record(event.payload);
  if (typeof payload?.approved !== 'boolean') return undefined;
  return { approved: payload.approved, reason: stringField(payload, 'reason') ?? '' };
}

export function statusOf(event: StoredJournalEvent): string | undefined {
  const status = record(event.payload)?.status;
  return typeof status === 'string' ? status : undefined;
}

export function reasonOf(event: StoredJournalEvent): string | undefined {
  const reason = record(event.payload)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
