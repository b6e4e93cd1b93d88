import type { RunEvents } from '@palyra/bus';
import {
  type EventActor,
  type JournalEventKind,
  LIMITS,
  type ModelTokenPayload,
  newId,
  type PlannedToolCallPayload,
  type RunStatusPayload,
  type TurnUsagePayload,
} from '@palyra/core';
import {
  type JournalStore,
  type NewJournalEvent,
  type RunTransition,
  type StoredJournalEvent,
  toRunEventRecord,
} from '@palyra/journal';
import type { Logger } from '@palyra/telemetry';
import type { RunFailedPayload } from './run-failure.js';

export interface EventWriterOptions {
  readonly journal: Pick<JournalStore, 'append'>;
  readonly runEvents: Pick<RunEvents, 'publish'>;
  readonly tenantId: string;
  readonly sessionId: string;
  readonly runId: string;
  /** The seq of the first event this writer writes: the journal's last seq + 1. */
  readonly nextSeq: number;
  /** Most events per append. */
  readonly batchMaxEvents: number;
  /** Longest a queued event waits for its batch, and the model pause that closes a chunk. */
  readonly batchMaxDelayMs: number;
  readonly chunkMaxWords?: number;
  /** After each durable append, before the batch is published (metrics). */
  readonly onDurable?: (events: readonly StoredJournalEvent[], appendSeconds: number) => void;
  /** Once, when an append fails; the writer stays failed and every later call throws that error. */
  readonly onFailure?: (error: unknown) => void;
  readonly now?: () => number;
  readonly logger?: Pick<Logger, 'warn'>;
}

interface OpenChunk {
  readonly turn: number;
  readonly inReplyTo: string;
  readonly parts: string[];
  words: number;
  chars: number;
}

interface FlushWaiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** A chunk this long closes even below the word limit (the journal caps payloads at 256 KiB). */
const CHUNK_MAX_CHARS = 32 * 1024;
/** Queued events beyond this many batches make `backlogged` true: the model waits for the journal. */
const BACKLOG_BATCHES = 4;

/**
 * Turns a run's output into journaled, then published, stream events. It assigns run seqs
 * (contiguous from `nextSeq`), coalesces model text into chunks of at most 16 whitespace-separated
 * words (a chunk also closes at the end of its turn, with `is_final`, and when the model pauses
 * longer than the batch delay, noticed within two delays), and appends in batches: a batch goes when it is full, when its
 * oldest event has waited the batch delay, when a pause closed a chunk, or on `flush()`. One
 * append is in flight at a time; events arriving meanwhile form the next batch (group commit).
 * A batch is published on RunEvents only after its append resolved: nothing a client sees can be
 * lost by a crash. One timer at most, re-armed at most once per delay period; no per-token timers.
 */
export class EventWriter {
  readonly #options: EventWriterOptions;
  readonly #now: () => number;
  readonly #maxWords: number;
  readonly #queue: NewJournalEvent[] = [];
  #nextSeq: number;
  #durableSeq: number;
  #chunk: OpenChunk | undefined;
  /** Whether the last text written ended inside a word (a chunk closed mid-word continues it). */
  #inWord = false;
  #firstQueuedAt = 0;
  /** When the open chunk is next checked for a pause. */
  #chunkDeadline = Number.POSITIVE_INFINITY;
  /** Text arrived since the last pause check (a flag, so no clock is read per token). */
  #textSeen = false;
  #pauseClosedChunk = false;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #inFlight = false;
  #failed = false;
  #error: unknown;
  #flushWaiters: FlushWaiter[] = [];
  /** Run state changes, each applied by the append that contains the event of its seq. */
  #transitions: { readonly seq: number; readonly step: RunTransition }[] = [];
  #capacityWaiters: FlushWaiter[] = [];

  constructor(options: EventWriterOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#maxWords = options.chunkMaxWords ?? LIMITS.modelTokenChunkWords;
    this.#nextSeq = options.nextSeq;
    this.#durableSeq = options.nextSeq - 1;
  }

  /** The seq the next event gets. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** Highest seq known durable (appended by this writer, or before it started). */
  get durableSeq(): number {
    return this.#durableSeq;
  }

  get failed(): boolean {
    return this.#failed;
  }

  get error(): unknown {
    return this.#error;
  }

  /** True when the model produces faster than the journal takes it; await `waitForCapacity()`. */
  get backlogged(): boolean {
    return this.#queue.length >= this.#options.batchMaxEvents * BACKLOG_BATCHES;
  }

  status(payload: RunStatusPayload): void {
    this.#assertHealthy();
    this.#enqueue('run_status', 'system', payload);
  }

  /** Model text for a turn; split into chunks as it arrives. */
  text(turn: number, inReplyTo: string, text: string): void {
    this.#assertHealthy();
    if (text === '') return;
    let chunk = this.#chunk;
    if (chunk !== undefined && (chunk.turn !== turn || chunk.inReplyTo !== inReplyTo)) {
      this.#closeChunk(false);
      this.#inWord = false;
      chunk = undefined;
    }
    const wasEmpty = chunk === undefined || chunk.chars === 0;
    chunk ??= this.#openChunk(turn, inReplyTo);
    this.#textSeen = true;
    let start = 0;
    for (let index = 0; index < text.length; index += 1) {
      if (isWhitespace(text.charCodeAt(index))) {
        this.#inWord = false;
        continue;
      }
      if (this.#inWord) continue;
      this.#inWord = true;
      if (chunk.words === this.#maxWords) {
        // The 17th word opens the next chunk; whitespace stays with the word before it.
        this.#addToChunk(chunk, text.slice(start, index));
        this.#closeChunk(false);
        chunk = this.#openChunk(turn, inReplyTo);
        start = index;
      }
      chunk.words += 1;
    }
    this.#addToChunk(chunk, start === 0 ? text : text.slice(start));
    if (chunk.chars >= CHUNK_MAX_CHARS) this.#closeChunk(false);
    if (wasEmpty && this.#chunk !== undefined) {
      this.#chunkDeadline = this.#now() + this.#options.batchMaxDelayMs;
      this.#textSeen = false;
      this.#armTimer();
    }
  }

  /**
   * Ends a turn: its last chunk gets `is_final` (an empty final chunk when nothing is pending).
   * With `awaitingInput` (the turn ended with a final answer) that chunk also gets
   * `awaiting_input: true`: the run now reads the next client message. With `toolCalls` it carries
   * the calls the turn asked for, so the end of the turn and its calls are durable together.
   */
  endTurn(turn: number, inReplyTo: string, options: TurnEnd = {}): void {
    this.#assertHealthy();
    const end: TurnEnd = {
      ...options,
      awaitingInput: options.awaitingInput === true,
    };
    const chunk = this.#chunk;
    this.#inWord = false;
    if (chunk !== undefined && chunk.turn === turn && chunk.inReplyTo === inReplyTo) {
      this.#closeChunk(true, end);
      return;
    }
    this.#closeChunk(false);
    const last = this.#queue.at(-1);
    const payload = last?.kind === 'model_token' ? (last.payload as ModelTokenPayload) : undefined;
    if (
      last !== undefined &&
      payload !== undefined &&
      payload.turn === turn &&
      payload.in_reply_to === inReplyTo
    ) {
      // Still queued, so it can become the final chunk instead of adding an empty one.
      (last as { payload: unknown }).payload = tokenPayload(payload.text, true, turn, inReplyTo, end);
      return;
    }
    this.#enqueue('model_token', 'agent', tokenPayload('', true, turn, inReplyTo, end));
  }

  /** Queues any other stream event (tool events), after the open chunk. */
  event(kind: JournalEventKind, actor: EventActor, payload: unknown): void {
    this.#assertHealthy();
    this.#closeChunk(false);
    this.#enqueue(kind, actor, payload);
  }

  /** Closes the open chunk without `is_final` (the turn was interrupted). */
  closeChunk(): void {
    this.#assertHealthy();
    this.#closeChunk(false);
  }

  /**
   * The run state change `step` is applied by the next append, in its transaction (e.g. accepted
   * -> in_progress with the first batch, which carries IN_PROGRESS).
   */
  transitionWithNextBatch(step: RunTransition): void {
    this.#assertHealthy();
    this.#transitions.push({ seq: Number.NEGATIVE_INFINITY, step });
  }

  /**
   * Queues the terminal event (after any open chunk). Follow with `flush()`. With `transition`,
   * the append that makes the event durable also moves the run to its final state (atomically).
   */
  end(kind: 'run_completed' | 'run_failed', payload: RunEndedEventPayload, transition?: RunTransition): void {
    this.#assertHealthy();
    this.#closeChunk(false);
    if (transition !== undefined) this.#transitions.push({ seq: this.#nextSeq, step: transition });
    this.#enqueue(kind, 'system', payload);
  }

  /** Closes the open chunk and resolves once everything written so far is durable and published. */
  flush(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#error);
    this.#closeChunk(false);
    const seq = this.#nextSeq - 1;
    if (this.#durableSeq >= seq) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#flushWaiters.push({ seq, resolve, reject });
      this.#pump();
    });
  }

  /** Resolves when the next append completes (rejects if the writer fails). */
  waitForCapacity(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#error);
    if (!this.backlogged) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#capacityWaiters.push({ seq: 0, resolve, reject });
      this.#pump();
    });
  }

  /** Stops the timer; queued events that were not flushed are dropped. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  #assertHealthy(): void {
    if (this.#failed) throw this.#error;
  }

  #openChunk(turn: number, inReplyTo: string): OpenChunk {
    const chunk: OpenChunk = { turn, inReplyTo, parts: [], words: 0, chars: 0 };
    this.#chunk = chunk;
    return chunk;
  }

  #addToChunk(chunk: OpenChunk, text: string): void {
    if (text === '') return;
    chunk.parts.push(text);
    chunk.chars += text.length;
  }

  #closeChunk(final: boolean, end: TurnEnd = {}): void {
    const chunk = this.#chunk;
    if (chunk === undefined) return;
    this.#chunk = undefined;
    this.#chunkDeadline = Number.POSITIVE_INFINITY;
    if (chunk.chars === 0 && !final) return;
    const text = chunk.parts.length === 1 ? (chunk.parts[0] as string) : chunk.parts.join('');
    this.#enqueue('model_token', 'agent', tokenPayload(text, final, chunk.turn, chunk.inReplyTo, end));
  }

  #enqueue(kind: JournalEventKind, actor: EventActor, payload: unknown): void {
    if (this.#queue.length === 0) this.#firstQueuedAt = this.#now();
    this.#queue.push({
      eventId: newId(),
      runId: this.#options.runId,
      runSeq: this.#nextSeq,
      kind,
      actor,
      payload,
    });
    this.#nextSeq += 1;
    this.#pump();
  }

  #pump(): void {
    if (this.#failed || this.#inFlight) return;
    const { batchMaxDelayMs, batchMaxEvents } = this.#options;
    const now = this.#now();
    const chunk = this.#chunk;
    if (chunk !== undefined && chunk.chars > 0 && now >= this.#chunkDeadline) {
      if (this.#textSeen) {
        // Still talking: look again one delay later. A pause is seen within two delays.
        this.#textSeen = false;
        this.#chunkDeadline = now + batchMaxDelayMs;
      } else {
        // The model paused: show what it said so far.
        this.#pauseClosedChunk = true;
        this.#closeChunk(false);
        return; // #closeChunk re-entered #pump through #enqueue
      }
    }
    const queued = this.#queue.length;
    if (
      queued > 0 &&
      (queued >= batchMaxEvents ||
        this.#pauseClosedChunk ||
        this.#flushWaiters.length > 0 ||
        this.#capacityWaiters.length > 0 ||
        now - this.#firstQueuedAt >= batchMaxDelayMs)
    ) {
      this.#pauseClosedChunk = false;
      this.#send(this.#queue.splice(0, batchMaxEvents));
      return;
    }
    this.#armTimer();
  }

  #armTimer(): void {
    const delay = this.#options.batchMaxDelayMs;
    let at = Number.POSITIVE_INFINITY;
    if (this.#queue.length > 0) at = this.#firstQueuedAt + delay;
    const chunk = this.#chunk;
    if (chunk !== undefined && chunk.chars > 0) at = Math.min(at, this.#chunkDeadline);
    if (at === Number.POSITIVE_INFINITY || this.#timerAt <= at) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.max(0, Math.ceil(at - this.#now())),
    );
  }

  #send(batch: NewJournalEvent[]): void {
    this.#inFlight = true;
    const { journal, tenantId, sessionId, runId } = this.#options;
    const started = this.#now();
    const lastBatchSeq = batch.at(-1)?.runSeq ?? Number.NEGATIVE_INFINITY;
    const steps = this.#transitions.filter((entry) => entry.seq <= lastBatchSeq).map((entry) => entry.step);
    if (steps.length > 0) this.#transitions = this.#transitions.filter((entry) => entry.seq > lastBatchSeq);
    const appended =
      steps.length === 0
        ? journal.append(tenantId, sessionId, batch)
        : journal.append(tenantId, sessionId, batch, { transition: steps });
    appended.then(
      (stored) => {
        this.#inFlight = false;
        const lastSeq = batch.at(-1)?.runSeq ?? this.#durableSeq;
        this.#durableSeq = Math.max(this.#durableSeq, lastSeq);
        try {
          this.#options.onDurable?.(stored, (this.#now() - started) / 1000);
          this.#options.runEvents.publish(tenantId, runId, stored.map(toRunEventRecord));
        } catch (error) {
          // Both are best effort: the events are durable, and followers fill gaps from the journal.
          this.#options.logger?.warn({ err: error, tenantId, runId }, 'run events not published');
        }
        this.#settle();
        // Whatever queued during the append has waited long enough: group commit.
        if (this.#queue.length > 0) this.#firstQueuedAt = Number.NEGATIVE_INFINITY;
        this.#pump();
      },
      (error: unknown) => {
        this.#inFlight = false;
        this.#fail(error);
      },
    );
  }

  #settle(): void {
    const capacity = this.#capacityWaiters;
    this.#capacityWaiters = [];
    for (const waiter of capacity) waiter.resolve();
    if (this.#flushWaiters.length === 0) return;
    const waiting: FlushWaiter[] = [];
    for (const waiter of this.#flushWaiters) {
      if (waiter.seq <= this.#durableSeq) waiter.resolve();
      else waiting.push(waiter);
    }
    this.#flushWaiters = waiting;
  }

  #fail(error: unknown): void {
    this.#failed = true;
    this.#error = error;
    this.dispose();
    const waiters = [...this.#flushWaiters, ...this.#capacityWaiters];
    this.#flushWaiters = [];
    this.#capacityWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
    this.#options.onFailure?.(error);
  }
}

export interface TurnEnd {
  readonly awaitingInput?: boolean;
  readonly toolCalls?: readonly PlannedToolCallPayload[];
  readonly usage?: TurnUsagePayload;
}

/** `awaiting_input` and `tool_calls` are present only on final chunks that have them. */
function tokenPayload(
  text: string,
  isFinal: boolean,
  turn: number,
  inReplyTo: string,
  end: TurnEnd,
): ModelTokenPayload {
  const payload: ModelTokenPayload = { text, is_final: isFinal, turn, in_reply_to: inReplyTo };
  if (!isFinal) return payload;
  const withUsage = end.usage === undefined ? payload : { ...payload, usage: end.usage };
  if (end.toolCalls !== undefined && end.toolCalls.length > 0)
    return { ...withUsage, tool_calls: end.toolCalls };
  return end.awaitingInput === true ? { ...withUsage, awaiting_input: true } : withUsage;
}

export type RunEndedEventPayload = RunFailedPayload | { readonly status: 'DONE'; readonly message: string };

/** Exactly JavaScript's `\s` (what core's chunkWords splits on), without a regex per character. */
function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
