import type { Bus, Subscription } from '@palyra/bus';
import {
  GrpcStatus,
  isTerminalRunState,
  isTerminalStreamKind,
  PalyraError,
  type RunEventRecord,
} from '@palyra/core';
import type { JournalStore, RunRepository } from '@palyra/journal';
import { toRunEventRecord } from '@palyra/journal';
import type { CanonicalId, RunStreamEvent } from '@palyra/proto';
import type { Logger } from '@palyra/telemetry';
import type { CatchUpReason, GatewayMetrics } from '../gateway-metrics.js';
import { type CallStatus, callStatus } from '../grpc/grpc-status.js';
import { renderRunStreamEvent } from './render-event.js';
import { type TerminalOutcome, terminalOutcome } from './terminal-status.js';

export interface FollowSettings {
  /** Live events held while reading the journal or while the client is slow. */
  readonly liveBufferEvents: number;
  /** First journal poll after the live feed goes quiet; doubles up to `pollMaxMs`. */
  readonly pollInitialMs: number;
  readonly pollMaxMs: number;
  /** After this long without events, the run row is checked for an end the journal never showed. */
  readonly staleCheckMs: number;
  /** Journal page size of catch-up reads (at most 500). */
  readonly journalPageSize: number;
}

export const DEFAULT_FOLLOW_SETTINGS: FollowSettings = Object.freeze({
  liveBufferEvents: 1024,
  pollInitialMs: 250,
  pollMaxMs: 5_000,
  staleCheckMs: 30_000,
  journalPageSize: 500,
});

/** The writable side of a RunStream call (grpc-js ServerDuplexStream satisfies it). */
export interface EventSink {
  /** False when the transport's buffer is full: stop and wait for 'drain'. */
  write(event: RunStreamEvent): boolean;
  on(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

export interface FollowerDeps {
  readonly journal: JournalStore;
  readonly runs: RunRepository;
  readonly runEvents: Bus['runEvents'];
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly settings: FollowSettings;
}

export interface FollowerTarget {
  readonly tenantId: string;
  readonly runId: string;
  readonly sink: EventSink;
  /** The terminal event has been written; end the call with `outcome.status`. */
  onTerminal(outcome: TerminalOutcome): void;
  /** Following cannot continue (the run ended without a terminal event). */
  onFailure(status: CallStatus): void;
}

/**
 * Follows one run for one client, per docs/run-protocol.md: subscribe to the live feed first,
 * then write what the journal has after the client's last seq, then the live buffer, de-duplicated
 * by seq, filling any gap from the journal. Writes happen in seq order, each seq exactly once.
 *
 * The live callback never waits on the client: while a journal read is in flight or the client's
 * transport buffer is full, live events go to a bounded buffer; on overflow the buffer is dropped
 * and the stream catches up from the journal at the client's pace (on 'drain'). When the feed is
 * quiet and the run unfinished, one timer polls the journal with backoff, so a lost core-NATS
 * message costs latency only. Happy path: no journal read per event, no timer work per event.
 */
export class RunFollower {
  readonly #deps: FollowerDeps;
  readonly #target: FollowerTarget;
  readonly #runIdMessage: CanonicalId;
  /** Last seq written to the client. */
  #last: number;
  readonly #buffer: RunEventRecord[] = [];
  /** Set when the journal may hold events that were neither written nor buffered. */
  #behind: CatchUpReason | undefined;
  /** Until started, and while a journal read is in flight, live events are only buffered. */
  #busy = true;
  #rereadRequested = false;
  /** The client's transport buffer is full; resume on 'drain'. */
  #paused = false;
  #stopped = false;
  #liveSeen = false;
  #quietMs = 0;
  #pollDelayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #timerDelayMs = 0;
  #subscription: Subscription | undefined;

  readonly #onLive = (events: readonly RunEventRecord[]): void => this.#receive(events);
  readonly #onDrain = (): void => this.#drained();
  readonly #onPoll = (): void => this.#pollTick();

  constructor(deps: FollowerDeps, target: FollowerTarget, lastSeq: number) {
    this.#deps = deps;
    this.#target = target;
    this.#runIdMessage = { ulid: target.runId };
    this.#last = lastSeq;
    this.#pollDelayMs = deps.settings.pollInitialMs;
  }

  get lastSeq(): number {
    return this.#last;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Registers interest in the run's live events; resolves once the server has it. */
  async subscribe(): Promise<void> {
    this.#subscription = this.#deps.runEvents.subscribe(
      this.#target.tenantId,
      this.#target.runId,
      this.#onLive,
    );
    this.#target.sink.on('drain', this.#onDrain);
    try {
      await this.#subscription.ready;
    } catch (error) {
      this.stop();
      throw new PalyraError('UNAVAILABLE', 'live run events are unavailable', { cause: error });
    }
  }

  /**
   * Starts following after the client's last seq. `known` are events the caller has just
   * journaled itself (a run it admitted): they are written without reading the journal back.
   */
  start(known: readonly RunEventRecord[] = []): void {
    if (this.#stopped) return;
    this.#armPoll();
    if (known.length === 0) {
      this.#busy = false;
      this.#catchUp(undefined);
      return;
    }
    for (let index = 0; index < known.length; index += 1) {
      const event = known[index] as RunEventRecord;
      if (event.seq !== this.#last + 1) continue;
      this.#writeEvent(event);
      if (this.#stopped) return;
      if (this.#paused) {
        this.#bufferLive(known, index + 1);
        break;
      }
    }
    this.#busy = false;
    if (!this.#paused) this.#drainBuffer();
  }

  /** Reads the journal now (e.g. after the bus reconnected: messages may have been lost). */
  requestCatchUp(reason: CatchUpReason): void {
    if (this.#stopped) return;
    if (this.#paused) {
      this.#behind ??= reason;
      return;
    }
    this.#catchUp(reason);
  }

  /** Stops following: unsubscribes and cancels the timer. The run itself goes on. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#buffer.length = 0;
    this.#target.sink.off('drain', this.#onDrain);
  }

  #receive(events: readonly RunEventRecord[]): void {
    if (this.#stopped) return;
    this.#liveSeen = true;
    if (this.#busy || this.#paused || this.#buffer.length > 0) {
      this.#bufferLive(events, 0);
      if (!this.#busy && !this.#paused) this.#drainBuffer();
      return;
    }
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index] as RunEventRecord;
      if (event.seq <= this.#last) continue;
      if (event.seq !== this.#last + 1) {
        this.#bufferLive(events, index);
        this.#catchUp('gap');
        return;
      }
      this.#writeEvent(event);
      if (this.#stopped) return;
      if (this.#paused) {
        this.#bufferLive(events, index + 1);
        return;
      }
    }
  }

  #bufferLive(events: readonly RunEventRecord[], from: number): void {
    if (this.#behind === 'overflow') return;
    const limit = this.#deps.settings.liveBufferEvents;
    for (let index = from; index < events.length; index += 1) {
      const event = events[index] as RunEventRecord;
      if (event.seq <= this.#last) continue;
      if (this.#buffer.length >= limit) {
        // The journal has everything: drop the buffer rather than hold a slow client's backlog.
        this.#buffer.length = 0;
        this.#behind = 'overflow';
        return;
      }
      this.#buffer.push(event);
    }
  }

  /** Writes buffered events in order; a gap or a known shortfall becomes a journal read. */
  #drainBuffer(): void {
    if (this.#stopped || this.#busy || this.#paused) return;
    if (this.#behind !== undefined) {
      this.#catchUp(this.#behind);
      return;
    }
    const buffer = this.#buffer;
    for (let index = 0; index < buffer.length; index += 1) {
      const event = buffer[index] as RunEventRecord;
      if (event.seq <= this.#last) continue;
      if (event.seq !== this.#last + 1) {
        buffer.splice(0, index);
        this.#catchUp('gap');
        return;
      }
      this.#writeEvent(event);
      if (this.#stopped) return;
      if (this.#paused) {
        buffer.splice(0, index + 1);
        return;
      }
    }
    buffer.length = 0;
  }

  /** Reads the journal after the last written seq; `undefined` reason = the initial read. */
  #catchUp(reason: CatchUpReason | undefined): void {
    if (this.#stopped) return;
    if (this.#busy) {
      this.#rereadRequested = true;
      return;
    }
    if (this.#paused) return;
    this.#busy = true;
    if (reason !== undefined) this.#deps.metrics.catchUp(reason);
    void this.#readJournal();
  }

  async #readJournal(): Promise<void> {
    const { journal, settings, logger } = this.#deps;
    const { tenantId, runId } = this.#target;
    try {
      for (;;) {
        this.#rereadRequested = false;
        this.#behind = undefined;
        const page = await journal.readRunEvents(tenantId, runId, this.#last, {
          limit: settings.journalPageSize,
        });
        if (this.#stopped) return;
        if (page.length > 0) this.#liveSeen = true;
        for (const stored of page) {
          if (stored.runSeq === null || stored.runSeq <= this.#last) continue;
          this.#writeEvent(toRunEventRecord(stored));
          if (this.#stopped || this.#paused) break;
        }
        if (this.#stopped) return;
        if (this.#paused) {
          // The rest of the journal is read after 'drain'.
          this.#behind ??= 'backpressure';
          break;
        }
        if (page.length < settings.journalPageSize && !this.#rereadRequested && this.#behind === undefined)
          break;
      }
    } catch (error) {
      if (this.#stopped) return;
      // The poll timer retries; a database outage must not end the client's stream.
      this.#behind ??= 'error';
      logger.warn({ err: error, tenantId, runId, seq: this.#last }, 'journal catch-up failed');
      this.#busy = false;
      return;
    }
    this.#busy = false;
    this.#drainBuffer();
  }

  #writeEvent(event: RunEventRecord): void {
    this.#last = event.seq;
    const written = this.#target.sink.write(renderRunStreamEvent(this.#runIdMessage, event));
    if (isTerminalStreamKind(event.kind)) {
      this.stop();
      this.#target.onTerminal(terminalOutcome(event.kind as 'run_completed' | 'run_failed', event.payload));
      return;
    }
    if (!written) this.#paused = true;
  }

  #drained(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#stopped || this.#busy) return;
    this.#drainBuffer();
  }

  #armPoll(): void {
    if (this.#stopped) return;
    const delay = this.#pollDelayMs;
    if (this.#timer !== undefined && this.#timerDelayMs === delay) {
      this.#timer.refresh();
      return;
    }
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#onPoll, delay);
    this.#timer.unref();
    this.#timerDelayMs = delay;
  }

  #pollTick(): void {
    if (this.#stopped) return;
    const { settings } = this.#deps;
    if (this.#liveSeen) {
      this.#liveSeen = false;
      this.#quietMs = 0;
      this.#pollDelayMs = settings.pollInitialMs;
    } else {
      this.#quietMs += this.#pollDelayMs;
      if (!this.#busy && !this.#paused) this.#catchUp(this.#behind ?? 'poll');
      this.#pollDelayMs = Math.min(this.#pollDelayMs * 2, settings.pollMaxMs);
      if (this.#quietMs >= settings.staleCheckMs) {
        this.#quietMs = 0;
        void this.#checkRunEnded();
      }
    }
    this.#armPoll();
  }

  /**
   * A quiet run is looked up now and then: if its row says it ended but no terminal event exists
   * after what the client has, nothing will ever arrive, so the call ends instead of hanging.
   */
  async #checkRunEnded(): Promise<void> {
    const { tenantId, runId } = this.#target;
    try {
      const run = await this.#deps.runs.get(tenantId, runId);
      if (this.#stopped || run === null || !isTerminalRunState(run.state)) return;
      if (run.lastSeq > this.#last) {
        this.requestCatchUp('poll');
        return;
      }
      this.#deps.logger.warn(
        { tenantId, runId, seq: this.#last, state: run.state },
        'run ended without a terminal event',
      );
      this.stop();
      this.#target.onFailure(
        callStatus(GrpcStatus.UNKNOWN, `run ended without a terminal event (state ${run.state})`),
      );
    } catch (error) {
      this.#deps.logger.warn({ err: error, tenantId, runId }, 'run state check failed');
    }
  }
}
