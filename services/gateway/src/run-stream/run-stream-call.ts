import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { CallerContext } from '@palyra/auth';
import type { Bus } from '@palyra/bus';
import {
  GrpcStatus,
  invalidArgument,
  isTerminalRunState,
  isTerminalStreamKind,
  type MessageReceivedPayload,
  optionalUlid,
  PalyraError,
  type RunEventRecord,
  requireUlid,
} from '@palyra/core';
import type { Repositories, RunRecord, SessionIdentity } from '@palyra/journal';
import type { MessageEnvelope__Output, RunStreamEvent, RunStreamRequest__Output } from '@palyra/proto';
import type { Logger } from '@palyra/telemetry';
import type { ApprovalOperations } from '../approvals/approval-operations.js';
import type { CallerResolver } from '../callers.js';
import type { GatewayMetrics, StreamOutcome } from '../gateway-metrics.js';
import { type CallStatus, callStatus, statusName, toCallStatus } from '../grpc/grpc-status.js';
import { createSessionLookup, identityOf } from '../sessions/session-lookup.js';
import {
  findSelectedSession,
  hasSelection,
  normalizeSelector,
  requireOwnSession,
  resolveSession,
} from '../sessions/session-resolution.js';
import { requireVersion, trimmedOrUndefined, ulidOf } from '../validation.js';
import { answerApprovalInStream, refuseInputWhileApprovalPending } from './approvals.js';
import { admitRun, runInAnotherSession } from './run-admission.js';
import { type FollowSettings, RunFollower } from './run-follower.js';
import { CANCEL_BY_REQUEST_REASON, closeRunInput, requestRunCancel, sendRunInput } from './run-signals.js';
import { terminalOutcome } from './terminal-status.js';

export const DRAINING_REFUSAL_MESSAGE = 'gateway is draining; retry on another replica';

export function drainingReconnectMessage(lastSeq: number): string {
  return `gateway draining: reconnect with resume_from_seq=${lastSeq}`;
}

/** Everything a RunStream needs from the gateway. */
export interface RunStreamContext {
  readonly repositories: Repositories;
  readonly bus: Bus;
  readonly callers: CallerResolver;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly follow: FollowSettings;
  /** Open streams: for draining and for catching up after a bus reconnect. */
  readonly streams: Set<RunStreamCall>;
  /** In-stream approval answers decide through the same operations as ApprovalsService. */
  readonly approvalOperations: ApprovalOperations;
  isDraining(): boolean;
}

type Call = ServerDuplexStream<RunStreamRequest__Output, RunStreamEvent>;

const HALF_CLOSE = Symbol('half-close');
type InboxItem = RunStreamRequest__Output | typeof HALF_CLOSE;

/** Messages queued before the transport is paused (client input is rare; this only bounds floods). */
const INBOX_HIGH_WATER = 8;

interface OpenRun {
  readonly tenantId: string;
  readonly runId: string;
  readonly sessionId: string;
  /** Latest row seen by this stream (its cancel flag decides whether a cancel is journaled). */
  record: RunRecord;
}

function isCancelText(text: string): boolean {
  const command = text.trim().toLowerCase();
  return command === '/cancel' || command === 'cancel';
}

/** The input of a client message, validated; undefined when the message carries none. */
function readInput(envelope: MessageEnvelope__Output | null): MessageReceivedPayload | undefined {
  if (envelope === null) return undefined;
  requireVersion(envelope.v);
  const envelopeId = optionalUlid(trimmedOrUndefined(ulidOf(envelope.envelope_id)), 'input.envelope_id');
  const text = envelope.content?.text ?? '';
  if (text === '') return undefined;
  const originType = envelope.origin?.type;
  const origin =
    originType === undefined || originType === 'ORIGIN_TYPE_UNSPECIFIED'
      ? undefined
      : originType.slice('ORIGIN_TYPE_'.length).toLowerCase();
  return {
    text,
    ...(envelopeId === undefined ? {} : { envelope_id: envelopeId }),
    ...(origin === undefined ? {} : { origin }),
  };
}

/**
 * One RunStream call: authenticates once, admits or re-attaches to the run named by the first
 * message, follows it (RunFollower), and turns later client messages into run signals. Client
 * messages are handled one at a time in arrival order; the call ends exactly once.
 */
export class RunStreamCall {
  readonly #call: Call;
  readonly #context: RunStreamContext;
  readonly #startedAt = performance.now();
  #caller: CallerContext | undefined;
  #run: OpenRun | undefined;
  #follower: RunFollower | undefined;
  #resumeFrom = 0;
  #opened = false;
  #ended = false;
  readonly #inbox: InboxItem[] = [];
  #pump: Promise<void> | undefined;
  #pumping = false;

  readonly #onCancelled = (): void => {
    this.#end(callStatus(GrpcStatus.CANCELLED, 'cancelled by the client'), 'client_cancelled');
  };

  constructor(call: Call, context: RunStreamContext) {
    this.#call = call;
    this.#context = context;
  }

  /** Resolves when the message being handled (if any) is done: drain waits for admissions. */
  get settled(): Promise<void> {
    return this.#pump ?? Promise.resolve();
  }

  start(): void {
    const { metrics, streams } = this.#context;
    metrics.streamOpened();
    streams.add(this);
    this.#call.on('cancelled', this.#onCancelled);
    if (this.#context.isDraining()) {
      this.#end(callStatus(GrpcStatus.UNAVAILABLE, DRAINING_REFUSAL_MESSAGE), 'draining');
      return;
    }
    void this.#authenticate();
  }

  /** Ends the stream for a shutdown: a status telling the client where to resume, then UNAVAILABLE. */
  drain(): void {
    if (this.#ended) return;
    const run = this.#run;
    if (run === undefined) {
      this.#end(callStatus(GrpcStatus.UNAVAILABLE, DRAINING_REFUSAL_MESSAGE), 'draining');
      return;
    }
    const lastSeq = this.#follower?.lastSeq ?? this.#resumeFrom;
    const message = drainingReconnectMessage(lastSeq);
    this.#follower?.stop();
    if (!this.#call.cancelled) {
      // It carries the last seq the client has (ARCHITECTURE section 7): a client that
      // de-duplicates by seq drops it as already seen, and its message says where to resume.
      this.#call.write({
        v: 1,
        run_id: { ulid: run.runId },
        seq: lastSeq,
        timestamp_unix_ms: Date.now(),
        status: { kind: 'STATUS_KIND_IN_PROGRESS', message },
      });
    }
    this.#end(callStatus(GrpcStatus.UNAVAILABLE, message), 'draining');
  }

  /** After a bus reconnect live messages may have been lost: read the journal now. */
  catchUp(): void {
    this.#follower?.requestCatchUp('reconnect');
  }

  async #authenticate(): Promise<void> {
    try {
      this.#caller = await this.#context.callers.resolve((name) => this.#call.metadata.get(name));
    } catch (error) {
      this.#fail(error, 'rejected');
      return;
    }
    if (this.#ended) return;
    this.#call.on('data', (message: RunStreamRequest__Output) => this.#enqueue(message));
    this.#call.on('end', () => this.#enqueue(HALF_CLOSE));
  }

  #enqueue(item: InboxItem): void {
    if (this.#ended) return;
    this.#inbox.push(item);
    if (this.#inbox.length >= INBOX_HIGH_WATER) this.#call.pause();
    if (!this.#pumping) {
      this.#pumping = true;
      this.#pump = this.#drainInbox();
    }
  }

  async #drainInbox(): Promise<void> {
    try {
      for (let item = this.#inbox.shift(); item !== undefined && !this.#ended; item = this.#inbox.shift()) {
        if (this.#inbox.length < INBOX_HIGH_WATER && this.#call.isPaused()) this.#call.resume();
        await this.#handle(item);
      }
    } catch (error) {
      this.#follower?.stop();
      this.#fail(error, 'error');
    } finally {
      this.#pumping = false;
    }
  }

  async #handle(item: InboxItem): Promise<void> {
    if (item === HALF_CLOSE) {
      if (this.#run === undefined) {
        throw invalidArgument('run_id', 'the stream was closed before its first message');
      }
      await closeRunInput(this.#signalDeps(), this.#run);
      return;
    }
    if (!this.#opened) {
      this.#opened = true;
      await this.#open(item);
      return;
    }
    await this.#later(item);
  }

  #signalDeps() {
    const { repositories, bus } = this.#context;
    return { runs: repositories.runs, journal: repositories.journal, control: bus.control };
  }

  // The first message: admit a new run, or re-attach to an existing one.

  async #open(message: RunStreamRequest__Output): Promise<void> {
    const caller = this.#caller as CallerContext;
    requireVersion(message.v);
    const runId = requireUlid(ulidOf(message.run_id), 'run_id');
    const selector = normalizeSelector(message);
    const input = readInput(message.input);
    this.#resumeFrom = message.resume_from_seq;
    const { runs, sessions } = this.#context.repositories;
    const tenantId = caller.tenantId;
    const identity = identityOf(caller);

    // With an explicit session selection a new run needs no existence check first: runs.create is
    // idempotent on the run id and reports an existing run (a retried first message), which is then
    // re-attached. Without one, a retry must find the run before a session could be created for it.
    const optimistic = this.#resumeFrom === 0 && hasSelection(selector) && !selector.resetSession;
    if (!optimistic) {
      const existing = await runs.get(tenantId, runId);
      if (existing !== null) {
        await this.#requireSelectedSession(existing, selector, identity);
        await this.#reattach(existing, undefined);
        return;
      }
      if (this.#resumeFrom > 0) throw new PalyraError('RUN_NOT_FOUND', 'run not found');
    }

    const { session } = await resolveSession(selector, identity, createSessionLookup(sessions, tenantId));
    const sessionId = session.sessionId;
    // Subscribe before the run is enqueued: no worker event can precede the subscription.
    const follower = await this.#subscribe(tenantId, runId, 0);
    const admission = await this.#admit(caller, runId, sessionId, input);
    if (!admission.created) {
      // A retried first message, here or on another replica: re-attach.
      await this.#reattach(admission.run, follower);
      return;
    }
    this.#run = { tenantId, runId, sessionId, record: admission.run };
    this.#startFollowing(follower, [admission.accepted]);
  }

  /**
   * Admission, durable first: the run (accepted), its input and ACCEPTED at seq 1 in one
   * transaction, then ACCEPTED on the live feed, then the RunQueue. An existing run (a retried
   * first message) is returned as it is, with nothing journaled.
   */
  async #admit(
    caller: CallerContext,
    runId: string,
    sessionId: string,
    input: MessageReceivedPayload | undefined,
  ): Promise<
    { run: RunRecord; created: false } | { run: RunRecord; created: true; accepted: RunEventRecord }
  > {
    return admitRun(this.#context, caller, { runId, sessionId, input });
  }

  /** A re-attach's session selection must select the run's session, which must be the caller's. */
  async #requireSelectedSession(
    run: RunRecord,
    selector: ReturnType<typeof normalizeSelector>,
    identity: SessionIdentity,
  ): Promise<void> {
    const { sessions } = this.#context.repositories;
    const lookup = createSessionLookup(sessions, run.tenantId);
    const session = hasSelection(selector)
      ? await findSelectedSession(selector, identity, lookup)
      : await sessions.get(run.tenantId, run.sessionId);
    if (session === null || session.sessionId !== run.sessionId) throw runInAnotherSession();
    requireOwnSession(session, identity);
  }

  /**
   * Re-attaches to an existing run (its session already checked): replays the events after
   * `resume_from_seq` and journals no input.
   */
  async #reattach(run: RunRecord, subscribed: RunFollower | undefined): Promise<void> {
    const caller = this.#caller as CallerContext;
    const { tenantId, runId, sessionId } = run;
    if (run.principal !== caller.principal) {
      subscribed?.stop();
      throw new PalyraError('PERMISSION_DENIED', 'run belongs to another principal', { details: { runId } });
    }
    if (this.#resumeFrom > run.lastSeq) {
      subscribed?.stop();
      throw invalidArgument('resume_from_seq', 'resume_from_seq is beyond the last event of the run');
    }
    this.#run = { tenantId, runId, sessionId, record: run };

    if (isTerminalRunState(run.state) && this.#resumeFrom === run.lastSeq) {
      // The client has seen everything; end as the run ended.
      subscribed?.stop();
      await this.#endAsFinished(run);
      return;
    }
    const follower = subscribed ?? (await this.#subscribe(tenantId, runId, this.#resumeFrom));
    if (run.state === 'accepted' && this.#resumeFrom === 0) {
      // A retried first message: the admitting gateway may have died between its admission (one
      // transaction) and the enqueue. Enqueue is deduplicated by run id.
      await this.#context.bus.runQueue.enqueue({ tenantId, sessionId, runId });
    }
    this.#startFollowing(follower, []);
  }

  async #endAsFinished(run: RunRecord): Promise<void> {
    const { journal } = this.#context.repositories;
    const [last] = await journal.readRunEvents(run.tenantId, run.runId, Math.max(run.lastSeq - 1, 0), {
      limit: 1,
    });
    if (last !== undefined && isTerminalStreamKind(last.kind)) {
      const outcome = terminalOutcome(last.kind as 'run_completed' | 'run_failed', last.payload);
      this.#end(outcome.status, outcome.outcome);
      return;
    }
    this.#end(
      callStatus(GrpcStatus.UNKNOWN, `run ended without a terminal event (state ${run.state})`),
      'error',
    );
  }

  async #subscribe(tenantId: string, runId: string, lastSeq: number): Promise<RunFollower> {
    const { repositories, bus, metrics, follow } = this.#context;
    const follower = new RunFollower(
      {
        journal: repositories.journal,
        runs: repositories.runs,
        runEvents: bus.runEvents,
        metrics,
        logger: this.#context.logger,
        settings: follow,
      },
      {
        tenantId,
        runId,
        sink: this.#call,
        onTerminal: (outcome) => this.#end(outcome.status, outcome.outcome),
        onFailure: (status) => this.#end(status, 'error'),
      },
      lastSeq,
    );
    this.#follower = follower;
    try {
      await follower.subscribe();
    } finally {
      // Ended meanwhile (client gone, drain): nothing will start it.
      if (this.#ended) follower.stop();
    }
    return follower;
  }

  #startFollowing(follower: RunFollower, known: readonly RunEventRecord[]): void {
    if (this.#ended) {
      follower.stop();
      return;
    }
    follower.start(known);
  }

  // Later messages: input, cancel, approval responses. Switching ids is refused.

  async #later(message: RunStreamRequest__Output): Promise<void> {
    const run = this.#run;
    if (run === undefined) return;
    requireVersion(message.v);
    const runId = requireUlid(ulidOf(message.run_id), 'run_id');
    if (runId !== run.runId) throw invalidArgument('run_id', 'cannot switch run_id mid-stream');
    const sessionId = optionalUlid(trimmedOrUndefined(ulidOf(message.session_id)), 'session_id');
    if (sessionId !== undefined && sessionId !== run.sessionId) {
      throw invalidArgument('session_id', 'cannot switch session_id mid-stream');
    }
    const caller = this.#caller as CallerContext;
    const deps = this.#signalDeps();
    const { approvals } = this.#context.repositories;
    if (message.tool_approval_response !== null) {
      await answerApprovalInStream(
        this.#context.approvalOperations,
        approvals,
        caller,
        run,
        message.tool_approval_response,
      );
    }
    const input = readInput(message.input);
    if (input === undefined) return;
    if (isCancelText(input.text)) {
      run.record = await requestRunCancel(deps, run.record, CANCEL_BY_REQUEST_REASON, caller.principal);
      return;
    }
    await refuseInputWhileApprovalPending(approvals, run);
    await sendRunInput(deps, run, input);
  }

  // Ending: exactly once, whatever ends first (terminal event, error, client, drain).

  #fail(error: unknown, outcome: StreamOutcome): void {
    if (this.#ended) return;
    // Log fields are built only when something is logged: idle streams hold no child loggers.
    const run = this.#run;
    const fields = {
      method: 'RunStream',
      ...(this.#caller === undefined ? {} : { tenantId: this.#caller.tenantId }),
      ...(run === undefined ? {} : { runId: run.runId, sessionId: run.sessionId }),
    };
    this.#end(toCallStatus(error, this.#context.logger, fields), outcome);
  }

  #end(status: CallStatus, outcome: StreamOutcome): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#inbox.length = 0;
    this.#follower?.stop();
    const { metrics, streams } = this.#context;
    streams.delete(this);
    this.#call.off('cancelled', this.#onCancelled);
    metrics.streamClosed(outcome);
    metrics.request('RunStream', statusName(status.code), (performance.now() - this.#startedAt) / 1000);
    if (this.#call.cancelled) return;
    if (status.code === GrpcStatus.OK) this.#call.end();
    // grpc-js ends the call with this status once every queued message is written.
    else this.#call.emit('error', status);
  }
}
