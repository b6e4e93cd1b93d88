import { type JournalEventKind, TOOL_EVENT_KINDS } from '@palyra/core';
import type { JournalStore, StoredJournalEvent } from '@palyra/journal';
import Type, { type Static } from 'typebox';
import { Ulid, UnixMs } from './console-schemas.js';

/**
 * A session's conversation read from its journal: user messages, assistant messages (a turn's
 * model_token chunks joined) and tool events, in chain order, paged by chain seq.
 *
 * A page holds at least `limit` entries unless the journal ends first, and it does not stop while
 * an assistant message is still open: it reads on to the turn's final chunk. Only when a turn
 * outgrows RAW_EVENTS_PER_PAGE (or the journal ends mid-turn, i.e. the run is still answering) is
 * a message returned with `complete: false`; the next page then starts with the rest of it, as
 * another entry with the same `run_id` and `turn`.
 */

const READ_PAGE = 500;
/** Journal events one transcript page reads at most, bounding the work of one request. */
const RAW_EVENTS_PER_PAGE = 5_000;

export const TRANSCRIPT_ENTRY_TYPES = ['user_message', 'assistant_message', ...TOOL_EVENT_KINDS] as const;
export type TranscriptEntryType = (typeof TRANSCRIPT_ENTRY_TYPES)[number];

const TOOL_KINDS: ReadonlySet<JournalEventKind> = new Set<JournalEventKind>(TOOL_EVENT_KINDS);

export const TranscriptEntrySchema = Type.Object({
  type: Type.Enum(TRANSCRIPT_ENTRY_TYPES),
  /** The chain seq of the entry's first journal event, and of its last (they differ for assistant messages). */
  chain_seq: Type.Integer({ minimum: 1 }),
  last_chain_seq: Type.Integer({ minimum: 1 }),
  run_id: Type.Union([Ulid, Type.Null()]),
  timestamp_unix_ms: UnixMs,
  /** Messages: the text. */
  text: Type.Optional(Type.String()),
  /** Assistant messages: the model turn within the run, and whether its final chunk is included. */
  turn: Type.Optional(Type.Integer()),
  complete: Type.Optional(Type.Boolean()),
  /** Tool events: the journaled payload (redacted), as JSON. */
  payload: Type.Optional(Type.Unknown()),
});
export type TranscriptEntry = Static<typeof TranscriptEntrySchema>;

export interface TranscriptPage {
  readonly items: TranscriptEntry[];
  /** The `after_chain_seq` of the next page; null when the journal has nothing after this page. */
  readonly nextAfterChainSeq: number | null;
}

type MutableEntry = { -readonly [K in keyof TranscriptEntry]: TranscriptEntry[K] };

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[key]
    : undefined;
}

function textOf(payload: unknown, key: string): string {
  const value = field(payload, key);
  return typeof value === 'string' ? value : '';
}

function turnOf(payload: unknown): number {
  const value = field(payload, 'turn');
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

function baseEntry(type: TranscriptEntryType, event: StoredJournalEvent): MutableEntry {
  return {
    type,
    chain_seq: event.chainSeq,
    last_chain_seq: event.chainSeq,
    run_id: event.runId,
    timestamp_unix_ms: Math.floor(event.recordedAtUs / 1000),
  };
}

/** Builds entries from journal events fed in chain order. */
class TranscriptBuilder {
  readonly entries: MutableEntry[] = [];
  /** Assistant messages whose final chunk has not been seen, by run and turn. */
  readonly #open = new Map<string, MutableEntry>();

  get hasOpenMessage(): boolean {
    return this.#open.size > 0;
  }

  /** Whether feeding this event would add an entry (rather than extend one or be skipped). */
  startsEntry(event: StoredJournalEvent): boolean {
    if (event.kind === 'message_received' || TOOL_KINDS.has(event.kind)) return true;
    return event.kind === 'model_token' && !this.#open.has(this.#tokenKey(event));
  }

  add(event: StoredJournalEvent): void {
    if (event.kind === 'message_received') {
      this.entries.push({ ...baseEntry('user_message', event), text: textOf(event.payload, 'text') });
    } else if (event.kind === 'model_token') {
      this.#addToken(event);
    } else if (TOOL_KINDS.has(event.kind)) {
      this.entries.push({ ...baseEntry(event.kind as TranscriptEntryType, event), payload: event.payload });
    }
  }

  #tokenKey(event: StoredJournalEvent): string {
    return `${event.runId ?? ''}:${turnOf(event.payload)}`;
  }

  #addToken(event: StoredJournalEvent): void {
    const key = this.#tokenKey(event);
    let entry = this.#open.get(key);
    if (entry === undefined) {
      entry = {
        ...baseEntry('assistant_message', event),
        text: '',
        turn: turnOf(event.payload),
        complete: false,
      };
      this.entries.push(entry);
      this.#open.set(key, entry);
    }
    entry.text = `${entry.text ?? ''}${textOf(event.payload, 'text')}`;
    entry.last_chain_seq = event.chainSeq;
    if (field(event.payload, 'is_final') === true) {
      entry.complete = true;
      this.#open.delete(key);
    }
  }
}

/** One transcript page after `afterChainSeq` (see the module comment for how pages end). */
export async function readTranscript(
  journal: Pick<JournalStore, 'readSessionEvents'>,
  tenantId: string,
  sessionId: string,
  afterChainSeq: number,
  limit: number,
): Promise<TranscriptPage> {
  const builder = new TranscriptBuilder();
  let cursor = afterChainSeq;
  let read = 0;
  for (;;) {
    const page = await journal.readSessionEvents(tenantId, sessionId, cursor, { limit: READ_PAGE });
    for (const event of page) {
      const full = builder.entries.length >= limit && !builder.hasOpenMessage;
      if ((full && builder.startsEntry(event)) || read >= RAW_EVENTS_PER_PAGE) {
        return { items: builder.entries, nextAfterChainSeq: cursor };
      }
      builder.add(event);
      cursor = event.chainSeq;
      read += 1;
    }
    if (page.length < READ_PAGE) return { items: builder.entries, nextAfterChainSeq: null };
  }
}
