import type { ErrorCode } from './errors.js';
import type { JournalEventKind } from './journal-event.js';

/**
 * Journal payloads of the events that make up a run's client-visible stream. Events with a run
 * `seq` are streamed to clients in seq order; events without one (inputs, client signals) are
 * journaled for audit and for the worker, but never streamed.
 */
export const STREAM_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'DONE', 'FAILED'] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

export interface RunStatusPayload {
  readonly status: 'ACCEPTED' | 'IN_PROGRESS';
  readonly message: string;
}

export interface RunEndedPayload {
  readonly status: 'DONE' | 'FAILED';
  readonly message: string;
  /** Why a run failed, as a closed code (e.g. `cancelled`, `wall_clock_limit`), for clients and metrics. */
  readonly reason?: string;
  /** The PalyraError code behind a failure; gateways end the call with its gRPC status. */
  readonly code?: ErrorCode;
  /** Set on FAILED to tell the client what it can do about it. */
  readonly hint?: string;
}

/** A chunk of model output; `text` (not `token`: that key is redacted) concatenates to the answer. */
export interface ModelTokenPayload {
  readonly text: string;
  readonly is_final: boolean;
  /** 1-based model turn within the run. */
  readonly turn: number;
  /** The input event this turn answers. */
  readonly in_reply_to: string;
  /**
   * Set (only) on the final chunk of a turn that ended with a final answer (finish reason `stop`
   * or `length`, not when tools follow): the worker now waits for the next client message — more
   * input, or a half-close to finish the run. Absent in journals written before this field.
   */
  readonly awaiting_input?: boolean;
}

export interface MessageReceivedPayload {
  readonly text: string;
  readonly envelope_id?: string;
  readonly origin?: string;
}

export interface CancelRequestedPayload {
  readonly reason: string;
  readonly requested_by: string;
}

export const CANCELLED_BY_REQUEST = 'cancelled by request';

/** Kinds whose events carry a run seq and are streamed to clients. */
export const STREAMED_KINDS: ReadonlySet<JournalEventKind> = new Set<JournalEventKind>([
  'run_status',
  'model_token',
  'tool_proposed',
  'tool_approval_requested',
  'tool_approval_responded',
  'tool_decided',
  'tool_executed',
  'tool_attested',
  'a2ui_updated',
  'run_completed',
  'run_failed',
]);

/** Terminal stream events: after one of these the stream ends. */
export function isTerminalStreamKind(kind: JournalEventKind): boolean {
  return kind === 'run_completed' || kind === 'run_failed';
}

/**
 * Splits text into chunks of at most `maxWords` whitespace-separated words such that
 * concatenating the chunks reproduces the text exactly (whitespace stays with the word before it).
 */
export function chunkWords(text: string, maxWords: number): string[] {
  if (!Number.isInteger(maxWords) || maxWords < 1)
    throw new RangeError('maxWords must be a positive integer');
  if (text === '') return [];
  const parts = text.match(/\s*\S+\s*/g) ?? [text];
  const chunks: string[] = [];
  for (let index = 0; index < parts.length; index += maxWords) {
    chunks.push(parts.slice(index, index + maxWords).join(''));
  }
  return chunks;
}
