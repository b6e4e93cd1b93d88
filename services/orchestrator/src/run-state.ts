import type { StoredJournalEvent } from '@palyra/journal';
import { inputText, modelTokenPayload, reasonOf, statusOf } from './journal-payloads.js';

/** A client message the run must answer (a `message_received` event). */
export interface RunInput {
  readonly eventId: string;
  readonly chainSeq: number;
  readonly text: string;
  readonly recordedAtUs: number;
}

/** One model turn: the chunks journaled for it so far, concatenated. */
export interface TurnState {
  readonly turn: number;
  readonly inReplyTo: string;
  text: string;
  /** A chunk with `is_final` was journaled: the turn is complete. */
  final: boolean;
}

export type TerminalState = 'done' | 'failed' | 'cancelled';

export interface ConversationMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/**
 * What the journal says about a run, rebuilt on every delivery and kept current in memory while
 * the worker writes. Pure: no I/O.
 *
 * An input is answered when the latest turn replying to it has a final chunk. "Latest" matters
 * when a resumed turn could not reproduce its journaled prefix: the worker then closes the old turn
 * with an empty final chunk and answers in a new turn, so the old turn's final chunk must not count.
 */
export class RunProgress {
  /** Highest run seq journaled. */
  lastSeq: number;
  /** Highest turn number journaled (0 before the first). */
  lastTurn = 0;
  hasInProgressStatus = false;
  /** Set when a terminal event (`run_completed` / `run_failed`) is journaled. */
  terminal: TerminalState | undefined;
  /** Lowest chain seq seen among the run's events: the run's place in its session chain. */
  firstChainSeq: number | undefined;
  /** Highest chain seq among the inputs and signals read, for incremental re-reads. */
  lastInputChainSeq = 0;
  readonly #inputs: RunInput[] = [];
  readonly #inputIds = new Set<string>();
  /** Latest turn per input event id. */
  readonly #turns = new Map<string, TurnState>();

  private constructor(lastSeq: number) {
    this.lastSeq = lastSeq;
  }

  /**
   * `events` are the run's stream events (with a seq) in seq order, `inputs` its events without a
   * seq in chain order; `lastSeq` is the run row's `last_seq` (the journal may be read partly).
   */
  static fromJournal(
    events: readonly StoredJournalEvent[],
    inputs: readonly StoredJournalEvent[],
    lastSeq = 0,
  ): RunProgress {
    const progress = new RunProgress(lastSeq);
    for (const event of events) progress.#applyStreamEvent(event);
    progress.addInputs(inputs);
    return progress;
  }

  /** Adds inputs read later (duplicates ignored). Returns how many new messages were added. */
  addInputs(events: readonly StoredJournalEvent[]): number {
    let added = 0;
    for (const event of events) {
      this.#noteChainSeq(event.chainSeq);
      this.lastInputChainSeq = Math.max(this.lastInputChainSeq, event.chainSeq);
      if (event.kind !== 'message_received' || this.#inputIds.has(event.eventId)) continue;
      this.#inputIds.add(event.eventId);
      this.#inputs.push({
        eventId: event.eventId,
        chainSeq: event.chainSeq,
        text: inputText(event),
        recordedAtUs: event.recordedAtUs,
      });
      added += 1;
    }
    if (added > 0) this.#inputs.sort((a, b) => a.chainSeq - b.chainSeq);
    return added;
  }

  get inputs(): readonly RunInput[] {
    return this.#inputs;
  }

  /** The first input, in chain order, that is not answered yet. */
  nextPendingInput(): RunInput | undefined {
    return this.#inputs.find((input) => this.#turns.get(input.eventId)?.final !== true);
  }

  /** The latest turn replying to the input, if any. */
  latestTurn(inputId: string): TurnState | undefined {
    return this.#turns.get(inputId);
  }

  /** Starts a new turn answering `inputId`; it becomes the input's latest turn. */
  beginTurn(inputId: string): TurnState {
    this.lastTurn += 1;
    const turn: TurnState = { turn: this.lastTurn, inReplyTo: inputId, text: '', final: false };
    this.#turns.set(inputId, turn);
    return turn;
  }

  /**
   * The conversation as the model should see it: each input, then the final text of its latest
   * turn when answered; up to and including `untilInputId` when given (without its answer).
   */
  conversation(untilInputId?: string): ConversationMessage[] {
    const messages: ConversationMessage[] = [];
    for (const input of this.#inputs) {
      messages.push({ role: 'user', content: input.text });
      if (input.eventId === untilInputId) break;
      const turn = this.#turns.get(input.eventId);
      if (turn?.final) messages.push({ role: 'assistant', content: turn.text });
    }
    return messages;
  }

  #applyStreamEvent(event: StoredJournalEvent): void {
    this.#noteChainSeq(event.chainSeq);
    if (event.runSeq !== null) this.lastSeq = Math.max(this.lastSeq, event.runSeq);
    switch (event.kind) {
      case 'run_status':
        if (statusOf(event) === 'IN_PROGRESS') this.hasInProgressStatus = true;
        break;
      case 'model_token': {
        const payload = modelTokenPayload(event);
        if (payload === undefined) break;
        this.lastTurn = Math.max(this.lastTurn, payload.turn);
        const current = this.#turns.get(payload.in_reply_to);
        if (current === undefined || payload.turn > current.turn) {
          this.#turns.set(payload.in_reply_to, {
            turn: payload.turn,
            inReplyTo: payload.in_reply_to,
            text: payload.text,
            final: payload.is_final,
          });
        } else if (payload.turn === current.turn) {
          current.text += payload.text;
          current.final ||= payload.is_final;
        }
        break;
      }
      case 'run_completed':
        this.terminal = 'done';
        break;
      case 'run_failed':
        this.terminal = reasonOf(event) === 'cancelled' ? 'cancelled' : 'failed';
        break;
      default:
        break;
    }
  }

  #noteChainSeq(chainSeq: number): void {
    if (this.firstChainSeq === undefined || chainSeq < this.firstChainSeq) this.firstChainSeq = chainSeq;
  }
}
