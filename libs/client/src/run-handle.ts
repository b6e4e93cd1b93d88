import type { ClientDuplexStream, StatusObject } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { isCanonicalUlid, newId } from '@palyra/core';
import type {
  EnvelopeOrigin_OriginType__Output,
  RunStreamEvent__Output,
  RunStreamRequest,
} from '@palyra/proto';
import { invalidArgument, PalyraClientError, toClientError } from './client-error.js';
import type { ResumePolicy } from './client-options.js';
import { type ApprovalScope, type RunEvent, toRunEvent } from './run-events.js';

export type OriginType = Exclude<EnvelopeOrigin_OriginType__Output, 'ORIGIN_TYPE_UNSPECIFIED'>;

export type RunStreamCall = ClientDuplexStream<RunStreamRequest, RunStreamEvent__Output>;

export interface OpenRunOptions {
  /** Default: a new ULID. Reusing a run id re-attaches to that run (see `resumeFromSeq`). */
  readonly runId?: string;
  readonly sessionId?: string;
  readonly sessionKey?: string;
  readonly sessionLabel?: string;
  readonly resetSession?: boolean;
  readonly requireExisting?: boolean;
  /** Input of the first message. Without it the run waits for `send()`. */
  readonly text?: string;
  /** Re-attach to an existing run and receive only events with seq > this. */
  readonly resumeFromSeq?: number;
  readonly allowSensitiveTools?: boolean;
  /** Called synchronously for every new event, in seq order, before it is queued for iteration. */
  readonly onEvent?: (event: RunEvent) => void;
  /**
   * Queue events for `for await (const event of handle)`. Default true. Set false when only
   * `done` or `onEvent` are used, so a run's events are never held in memory.
   */
  readonly bufferEvents?: boolean;
}

export interface RunOutcome {
  readonly status: 'DONE' | 'FAILED';
  /** The terminal status message, e.g. `cancelled by request`. */
  readonly message: string;
  /** Every model token of the run, concatenated. */
  readonly text: string;
  readonly runId: string;
  readonly sessionId: string | undefined;
  readonly lastSeq: number;
}

/**
 * One run on a bidirectional RunStream. Iterate it for events (single consumer), or await `done`.
 *
 * Resume: when the stream ends before a terminal status with UNAVAILABLE, a transport reset or
 * no status at all (a draining or dying gateway), the handle opens a new RunStream with the same
 * run id and `resume_from_seq = lastSeq`, on the next configured URL, drops events it already
 * has (by seq) and carries on; attempts are bounded with jittered exponential backoff and reset
 * whenever a new event arrives. Resume re-attaches; it does not replay client input: text passed
 * to `send()` on the lost stream is not sent again (it may or may not have reached the run; the
 * run's events tell). What is re-sent is only what is idempotent on the server: the opening
 * message when no event was received yet (run start is keyed by run id, the envelope keeps its
 * id), approval responses whose echo was not received (keyed by proposal and approval id), and
 * the half-close. Messages written while reconnecting are queued and sent on the new stream.
 */
export interface RunHandle extends AsyncIterable<RunEvent> {
  readonly runId: string;
  /** From the options, the ACCEPTED status (`accepted session=<id> ...`) or a journal event. */
  readonly sessionId: string | undefined;
  /** Highest seq received (or `resumeFromSeq`). */
  readonly lastSeq: number;
  /** True after `halfClose()`. */
  readonly inputClosed: boolean;
  /** Resolves at the terminal status; rejects with PalyraClientError if the stream fails first. */
  readonly done: Promise<RunOutcome>;
  /** Sends more input in the same run (another model turn). */
  send(text: string): void;
  /**
   * Answers a `tool_approval_request`. Scope default ONCE; SESSION remembers the answer for the
   * session, TIMEBOXED for `scopeTtlMs` (e.g. the chosen option's `timeboxTtlMs`).
   */
  approve(
    proposalId: string,
    approvalId: string,
    approved: boolean,
    scope?: ApprovalScope,
    reason?: string,
    scopeTtlMs?: number,
  ): void;
  /**
   * Cancels the run: text `/cancel` on the stream, or AbortRun once the input is closed or while
   * an approval request is unanswered (the server refuses input then).
   */
  cancel(): Promise<void>;
  /** Ends the input: after the current answer the server finishes with DONE. */
  halfClose(): void;
  /**
   * Half-closes as soon as the server says the answer is complete: a token with `awaitingInput`
   * (at once if the last event was one). Sending input resets it to the next answer.
   *
   * Fallback for servers that never set the flag (original Palyra servers): after a final token
   * without it, half-close once `fallbackSettleMs` (default 250) passed without any other event (a
   * tool proposal or approval request cancels the wait). The fallback is off once this run has
   * seen `awaitingInput` (the server has the extension: a final chunk without it means more
   * follows), or with `fallbackSettleMs: false`. If a late approval request arrives after a
   * fallback half-close, the server treats it as a denial, which is the safe side.
   */
  halfCloseWhenAwaitingInput(options?: { readonly fallbackSettleMs?: number | false }): void;
  /**
   * @deprecated Use `halfCloseWhenAwaitingInput({ fallbackSettleMs: settleMs })`, which this is:
   * the `awaitingInput` flag half-closes at once, `settleMs` is only the fallback timer.
   */
  halfCloseAfterAnswer(settleMs?: number): void;
  /** Stops receiving locally (the run goes on server-side); `done` rejects with CANCELLED. */
  detach(): void;
}

/** What a RunHandle needs from its client. */
export interface RunTransport {
  readonly endpointCount: number;
  readonly resume: Required<ResumePolicy> | false;
  preferredEndpoint(): number;
  /** Moves the client's preferred endpoint past `fromIndex` (idempotent across handles). */
  failover(fromIndex: number): number;
  openStream(endpointIndex: number): RunStreamCall;
  abortRun(runId: string, reason: string): Promise<unknown>;
  /** Origin type put on input envelopes, if any. */
  readonly originType: OriginType | undefined;
}

const ACCEPTED_SESSION = /\bsession=([0-7][0-9A-HJKMNP-TV-Z]{25})\b/;
/** Iteration backpressure: pause the call above HIGH queued events, resume at LOW. */
const QUEUE_HIGH = 512;
const QUEUE_LOW = 128;
const DEFAULT_ANSWER_SETTLE_MS = 250;
const ANSWER_SETTLE_CAP_MS = 60_000;
/** How long a call may stay open after its terminal status before we cancel it. */
const LINGER_AFTER_TERMINAL_MS = 5_000;

interface Waiter {
  resolve(result: IteratorResult<RunEvent>): void;
  reject(error: unknown): void;
}

type Phase = 'open' | 'reconnecting' | 'finished';

function noop(): void {}

function isResumable(status: StatusObject, detached: boolean): boolean {
  if (detached) return false;
  switch (status.code) {
    case GrpcStatus.OK: // ended without a terminal status
    case GrpcStatus.UNAVAILABLE:
      return true;
    case GrpcStatus.CANCELLED: // not by us (detach is excluded above): the gateway went away
      return true;
    case GrpcStatus.INTERNAL:
      // A stream reset without a gRPC status is transport trouble, not a server verdict.
      return status.details.startsWith('Received RST_STREAM');
    default:
      return false;
  }
}

function statusError(status: StatusObject): PalyraClientError {
  if (status.code === GrpcStatus.OK) {
    return new PalyraClientError(GrpcStatus.UNAVAILABLE, 'run stream ended before a terminal status');
  }
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(status.metadata.getMap())) {
    if (typeof value === 'string') details[key] = value;
  }
  return new PalyraClientError(status.code, status.details, details);
}

export class RunStreamHandle implements RunHandle {
  readonly runId: string;
  readonly done: Promise<RunOutcome>;

  #sessionId: string | undefined;
  #lastSeq: number;
  #phase: Phase = 'open';
  #inputClosed = false;
  #detached = false;

  readonly #transport: RunTransport;
  readonly #opening: RunStreamRequest;
  readonly #onEvent: ((event: RunEvent) => void) | undefined;
  readonly #buffer: boolean;

  #call: RunStreamCall | undefined;
  #endpoint: number;
  #generation = 0;
  #attempts = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #lingerTimer: NodeJS.Timeout | undefined;
  readonly #pendingWrites: RunStreamRequest[] = [];
  readonly #unackedApprovals = new Map<string, RunStreamRequest>();
  /** Approval requests received and not answered yet, by proposal id. */
  readonly #awaitingApproval = new Set<string>();
  readonly #textParts: string[] = [];

  #queue: RunEvent[] = [];
  #queueHead = 0;
  #waiter: Waiter | undefined;
  #iteratorAttached = false;
  #paused = false;
  #error: PalyraClientError | undefined;
  #errorDelivered = false;

  /** halfCloseWhenAwaitingInput() was called. */
  #closeWhenAwaiting = false;
  /** Fallback settle time after a final token without `awaitingInput`; undefined = no fallback. */
  #answerSettleMs: number | undefined;
  #answerTimer: NodeJS.Timeout | undefined;
  #lastWasFinalToken = false;
  #lastWasAwaitingInput = false;
  /** This run's server sent `awaitingInput` at least once (it has the wire extension). */
  #serverSignalsInput = false;

  #resolveDone!: (outcome: RunOutcome) => void;
  #rejectDone!: (error: PalyraClientError) => void;

  constructor(transport: RunTransport, options: OpenRunOptions) {
    const runId = options.runId ?? newId();
    if (!isCanonicalUlid(runId)) throw invalidArgument('runId must be a canonical ULID');
    if (options.sessionId !== undefined && !isCanonicalUlid(options.sessionId)) {
      throw invalidArgument('sessionId must be a canonical ULID');
    }
    const resumeFrom = options.resumeFromSeq ?? 0;
    if (!Number.isSafeInteger(resumeFrom) || resumeFrom < 0) {
      throw invalidArgument('resumeFromSeq must be a non-negative integer');
    }
    this.runId = runId;
    this.#transport = transport;
    this.#sessionId = options.sessionId;
    this.#lastSeq = resumeFrom;
    this.#onEvent = options.onEvent;
    this.#buffer = options.bufferEvents ?? true;
    this.done = new Promise<RunOutcome>((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // Whoever only iterates must not get an unhandled rejection from `done`.
    this.done.catch(noop);

    this.#opening = {
      ...this.#envelope(options.text),
      session_key: options.sessionKey ?? '',
      session_label: options.sessionLabel ?? '',
      reset_session: options.resetSession ?? false,
      require_existing: options.requireExisting ?? false,
      allow_sensitive_tools: options.allowSensitiveTools ?? false,
      resume_from_seq: resumeFrom,
    };
    this.#endpoint = transport.preferredEndpoint();
    this.#attach(this.#opening);
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get inputClosed(): boolean {
    return this.#inputClosed;
  }

  send(text: string): void {
    this.#write(this.#envelope(text));
  }

  approve(
    proposalId: string,
    approvalId: string,
    approved: boolean,
    scope: ApprovalScope = 'ONCE',
    reason = '',
    scopeTtlMs = 0,
  ): void {
    if (!isCanonicalUlid(proposalId)) throw invalidArgument('proposalId must be a canonical ULID');
    if (approvalId !== '' && !isCanonicalUlid(approvalId)) {
      throw invalidArgument('approvalId must be a canonical ULID');
    }
    if (!Number.isSafeInteger(scopeTtlMs) || scopeTtlMs < 0) {
      throw invalidArgument('scopeTtlMs must be a non-negative integer');
    }
    const message: RunStreamRequest = {
      ...this.#base(),
      tool_approval_response: {
        proposal_id: { ulid: proposalId },
        approval_id: approvalId === '' ? null : { ulid: approvalId },
        approved,
        reason,
        decision_scope: `APPROVAL_DECISION_SCOPE_${scope}`,
        decision_scope_ttl_ms: scopeTtlMs,
      },
    };
    this.#write(message, false);
    // Kept until the server echoes it; a resume (re)sends it from here, not from the write queue.
    this.#unackedApprovals.set(proposalId, message);
    this.#awaitingApproval.delete(proposalId);
  }

  async cancel(): Promise<void> {
    if (this.#phase === 'finished') return;
    // While the server waits for an approval, new input is refused; AbortRun works in any state.
    if (!this.#inputClosed && this.#awaitingApproval.size === 0) {
      this.send('/cancel');
      return;
    }
    await this.#transport.abortRun(this.runId, 'cancelled by client');
  }

  halfClose(): void {
    if (this.#inputClosed) return;
    this.#inputClosed = true;
    this.#clearAnswerTimer();
    if (this.#phase === 'open') this.#call?.end();
  }

  halfCloseWhenAwaitingInput(options: { readonly fallbackSettleMs?: number | false } = {}): void {
    const settleMs = options.fallbackSettleMs ?? DEFAULT_ANSWER_SETTLE_MS;
    this.#closeWhenAwaiting = true;
    this.#answerSettleMs =
      settleMs === false ? undefined : Math.min(Math.max(0, settleMs), ANSWER_SETTLE_CAP_MS);
    if (this.#lastWasAwaitingInput) {
      if (this.#phase !== 'finished') this.halfClose();
    } else if (this.#lastWasFinalToken) this.#armAnswerTimer();
  }

  halfCloseAfterAnswer(settleMs: number = DEFAULT_ANSWER_SETTLE_MS): void {
    this.halfCloseWhenAwaitingInput({ fallbackSettleMs: settleMs });
  }

  detach(): void {
    if (this.#phase === 'finished') return;
    this.#detached = true;
    const call = this.#call;
    this.#fail(new PalyraClientError(GrpcStatus.CANCELLED, 'run stream detached by the client'));
    call?.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<RunEvent> {
    if (!this.#buffer) {
      throw new PalyraClientError(
        GrpcStatus.FAILED_PRECONDITION,
        'this run was opened with bufferEvents: false; use onEvent or done',
      );
    }
    if (this.#iteratorAttached) {
      throw new PalyraClientError(GrpcStatus.FAILED_PRECONDITION, 'a run handle can be iterated only once');
    }
    this.#iteratorAttached = true;
    return {
      next: () => this.#next(),
      return: () => {
        // Leaving the loop stops buffering; the run itself goes on (use cancel() to stop it).
        this.#iteratorAttached = false;
        this.#queue = [];
        this.#queueHead = 0;
        this.#resumeFlow();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  // Messages.

  #base(): RunStreamRequest {
    return {
      v: 1,
      run_id: { ulid: this.runId },
      session_id: this.#sessionId === undefined ? null : { ulid: this.#sessionId },
    };
  }

  #envelope(text: string | undefined): RunStreamRequest {
    const message = this.#base();
    if (text === undefined) return message;
    const now = Date.now();
    message.input = {
      v: 1,
      envelope_id: { ulid: newId(now) },
      timestamp_unix_ms: now,
      content: { text },
      origin: this.#transport.originType === undefined ? null : { type: this.#transport.originType },
    };
    return message;
  }

  /** Writes now, or queues while reconnecting (unless `queue` is false: approvals re-send themselves). */
  #write(message: RunStreamRequest, queue = true): void {
    if (this.#phase === 'finished') {
      throw new PalyraClientError(GrpcStatus.FAILED_PRECONDITION, 'run is finished');
    }
    if (this.#inputClosed) {
      throw new PalyraClientError(GrpcStatus.FAILED_PRECONDITION, 'run input is closed');
    }
    this.#lastWasFinalToken = false;
    this.#lastWasAwaitingInput = false;
    this.#clearAnswerTimer();
    if (this.#phase === 'open' && this.#call !== undefined) this.#call.write(message);
    else if (queue) this.#pendingWrites.push(message);
  }

  // Streams.

  #attach(first: RunStreamRequest): void {
    const generation = ++this.#generation;
    let call: RunStreamCall;
    try {
      call = this.#transport.openStream(this.#endpoint);
    } catch (error) {
      this.#fail(toClientError(error));
      return;
    }
    this.#call = call;
    this.#paused = false;
    let status: StatusObject | undefined;
    let ended = false;
    const closed = (): void => {
      if (generation !== this.#generation || status === undefined || !ended) return;
      this.#onCallClosed(status);
    };
    call.on('data', (raw: RunStreamEvent__Output) => {
      if (generation === this.#generation) this.#onData(raw);
    });
    // grpc-js emits 'error' and then 'status' for a failed call; 'status' carries everything.
    call.on('error', noop);
    call.on('status', (received: StatusObject) => {
      status = received;
      closed();
    });
    // 'end' comes once every received message was delivered (later than 'status' when paused).
    call.on('end', () => {
      ended = true;
      closed();
    });

    call.write(first);
    for (const approval of this.#unackedApprovals.values()) call.write(approval);
    for (const message of this.#pendingWrites.splice(0)) call.write(message);
    if (this.#inputClosed) call.end();
  }

  #onData(raw: RunStreamEvent__Output): void {
    if (this.#phase === 'finished') return;
    const seq = raw.seq;
    if (seq > 0) {
      if (seq <= this.#lastSeq) return; // replayed after a resume
      this.#lastSeq = seq;
    }
    this.#attempts = 0;
    const event = toRunEvent(raw);
    if (event === undefined) return;

    switch (event.type) {
      case 'token':
        this.#textParts.push(event.text);
        break;
      case 'status':
        if (event.kind === 'ACCEPTED' && this.#sessionId === undefined) {
          this.#sessionId = ACCEPTED_SESSION.exec(event.message)?.[1];
        }
        break;
      case 'tool_approval_request':
        this.#awaitingApproval.add(event.proposalId);
        break;
      case 'tool_approval_response':
        this.#unackedApprovals.delete(event.proposalId);
        this.#awaitingApproval.delete(event.proposalId);
        break;
      case 'journal_event':
        if (this.#sessionId === undefined && isCanonicalUlid(event.event.sessionId)) {
          this.#sessionId = event.event.sessionId;
        }
        break;
      default:
        break;
    }

    this.#lastWasFinalToken = event.type === 'token' && event.isFinal;
    this.#lastWasAwaitingInput = event.type === 'token' && event.awaitingInput;
    if (this.#lastWasAwaitingInput) this.#serverSignalsInput = true;
    this.#clearAnswerTimer();
    if (this.#lastWasAwaitingInput) {
      if (this.#closeWhenAwaiting) this.halfClose();
    } else if (this.#lastWasFinalToken) this.#armAnswerTimer();

    if (this.#onEvent !== undefined) {
      try {
        this.#onEvent(event);
      } catch (error) {
        // A throwing callback must not become an uncaught exception inside grpc-js.
        const call = this.#call;
        this.#detached = true;
        this.#fail(toClientError(error));
        call?.cancel();
        return;
      }
    }
    if (this.#buffer) this.#enqueue(event);

    if (event.type === 'status' && (event.kind === 'DONE' || event.kind === 'FAILED')) {
      this.#finish(event.kind, event.message);
    }
  }

  #onCallClosed(status: StatusObject): void {
    this.#call = undefined;
    if (this.#lingerTimer !== undefined) clearTimeout(this.#lingerTimer);
    this.#lingerTimer = undefined;
    if (this.#phase === 'finished') return;
    const policy = this.#transport.resume;
    if (policy === false || !isResumable(status, this.#detached) || this.#attempts >= policy.maxAttempts) {
      this.#fail(statusError(status));
      return;
    }
    this.#attempts += 1;
    this.#phase = 'reconnecting';
    const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (this.#attempts - 1));
    const delay = Math.floor(Math.random() * ceiling);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#phase !== 'reconnecting') return;
      this.#phase = 'open';
      this.#endpoint = this.#transport.failover(this.#endpoint);
      this.#attach(this.#resumeMessage());
    }, delay);
  }

  #resumeMessage(): RunStreamRequest {
    // Nothing received yet: the run may not exist. Run start is idempotent by run id, so the
    // opening message (same envelope id) is safe to send again.
    if (this.#lastSeq === 0) return { ...this.#opening, session_id: this.#base().session_id };
    const message: RunStreamRequest = { ...this.#base(), resume_from_seq: this.#lastSeq };
    if (this.#sessionId === undefined) {
      message.session_key = this.#opening.session_key ?? '';
      message.session_label = this.#opening.session_label ?? '';
    }
    return message;
  }

  // Completion.

  #finish(kind: 'DONE' | 'FAILED', message: string): void {
    this.#phase = 'finished';
    this.#clearTimers();
    this.#pendingWrites.length = 0;
    // Close our side so the call completes even if the caller never half-closed, and do not let
    // a server that never ends the call keep it (and the process) alive.
    const call = this.#call;
    if (call !== undefined) {
      if (!this.#inputClosed) call.end();
      this.#lingerTimer = setTimeout(() => call.cancel(), LINGER_AFTER_TERMINAL_MS);
      this.#lingerTimer.unref();
    }
    this.#resolveDone({
      status: kind,
      message,
      text: this.#textParts.join(''),
      runId: this.runId,
      sessionId: this.#sessionId,
      lastSeq: this.#lastSeq,
    });
    this.#wake();
  }

  #fail(error: PalyraClientError): void {
    if (this.#phase === 'finished') return;
    this.#phase = 'finished';
    this.#clearTimers();
    this.#pendingWrites.length = 0;
    this.#generation += 1; // ignore anything the old call still emits
    this.#call = undefined;
    this.#error = error;
    this.#rejectDone(error);
    this.#wake();
  }

  #clearTimers(): void {
    this.#clearAnswerTimer();
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }

  #armAnswerTimer(): void {
    if (this.#answerSettleMs === undefined || this.#serverSignalsInput || this.#inputClosed) return;
    this.#clearAnswerTimer();
    this.#answerTimer = setTimeout(() => {
      this.#answerTimer = undefined;
      if (this.#phase !== 'finished') this.halfClose();
    }, this.#answerSettleMs);
  }

  #clearAnswerTimer(): void {
    if (this.#answerTimer !== undefined) clearTimeout(this.#answerTimer);
    this.#answerTimer = undefined;
  }

  // Iteration.

  #enqueue(event: RunEvent): void {
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ done: false, value: event });
      return;
    }
    this.#queue.push(event);
    if (this.#iteratorAttached && !this.#paused && this.#queue.length - this.#queueHead >= QUEUE_HIGH) {
      this.#paused = true;
      this.#call?.pause();
    }
  }

  #next(): Promise<IteratorResult<RunEvent>> {
    if (this.#queueHead < this.#queue.length) {
      const value = this.#queue[this.#queueHead] as RunEvent;
      this.#queueHead += 1;
      if (this.#queueHead === this.#queue.length) {
        this.#queue = [];
        this.#queueHead = 0;
      } else if (this.#queueHead >= 1024) {
        this.#queue = this.#queue.slice(this.#queueHead);
        this.#queueHead = 0;
      }
      if (this.#paused && this.#queue.length - this.#queueHead <= QUEUE_LOW) this.#resumeFlow();
      return Promise.resolve({ done: false, value });
    }
    if (this.#phase === 'finished') return this.#endResult();
    if (this.#waiter !== undefined) {
      return Promise.reject(
        new PalyraClientError(
          GrpcStatus.FAILED_PRECONDITION,
          'next() called while a previous call is pending',
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** The iterator's last answer: the stream error once, then done. */
  #endResult(): Promise<IteratorResult<RunEvent>> {
    if (this.#error !== undefined && !this.#errorDelivered) {
      this.#errorDelivered = true;
      return Promise.reject(this.#error);
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  #wake(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    this.#endResult().then(waiter.resolve, waiter.reject);
  }

  #resumeFlow(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#call?.resume();
  }
}
