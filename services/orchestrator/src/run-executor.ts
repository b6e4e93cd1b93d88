import type { Tracer } from '@opentelemetry/api';
import type { Control, ControlMessage, RunDelivery, RunEvents, RunJob, Subscription } from '@palyra/bus';
import {
  isPalyraError,
  isTerminalRunState,
  PalyraError,
  type PlannedToolCallPayload,
  type RunState,
  type TurnUsagePayload,
} from '@palyra/core';
import type {
  AgentRepository,
  ApprovalRepository,
  JournalStore,
  RunRecord,
  RunRepository,
  RunTransition,
  StoredJournalEvent,
} from '@palyra/journal';
import {
  type ModelMessage,
  type ModelProvider,
  type ModelRequest,
  PROVIDER_ERROR_KIND_TRAITS,
} from '@palyra/providers';
import { type Logger, withSpan } from '@palyra/telemetry';
import { createToolPolicy, type ToolPolicy, type ToolRegistry, type ToolSettings } from '@palyra/tools';
import { EventWriter } from './event-writer.js';
import { type Heartbeat, heartbeatIntervalMs, startHeartbeat } from './heartbeat.js';
import { readAllRunEvents, readRunWithInputs, readSessionHistory } from './journal-reads.js';
import type { OrchestratorMetrics, RunOutcome } from './metrics.js';
import { type RunAgent, resolveRunAgent } from './run-agent.js';
import { boundedContext } from './run-context.js';
import {
  cancelledPayload,
  classifyError,
  errorPayload,
  isRunSeqConflict,
  modelTurnLimitPayload,
  type RunFailedPayload,
  wallClockPayload,
} from './run-failure.js';
import {
  type ConversationMessage,
  type RunInput,
  RunProgress,
  type TerminalState,
  type TurnState,
} from './run-state.js';
import { ToolRound } from './tool-round.js';
import { WakeSignal } from './wake-signal.js';
import { startWallClock, type WallClock } from './wall-clock.js';

export interface ExecutorSettings {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly wallClockMs: number;
  readonly inputIdleTimeoutMs: number;
  readonly batchMaxEvents: number;
  readonly batchMaxDelayMs: number;
  /** First NAK delay of a retryable failure; doubles per delivery (with jitter), at most a minute. */
  readonly retryBaseDelayMs: number;
  readonly contextMaxMessages: number;
  /** Model turns answering one client message (tool rounds included). */
  readonly maxModelTurns: number;
  /** Polling of durable state while waiting for input starts here and doubles up to 5 s. */
  readonly inputPollMs: number;
}

export interface ExecutorDeps {
  readonly runs: RunRepository;
  readonly journal: JournalStore;
  readonly control: Control;
  readonly runEvents: RunEvents;
  readonly agents: AgentRepository;
  readonly approvals: ApprovalRepository;
  /** Model profiles (the agent names one); each profile's provider fails over along its targets. */
  readonly models: { profile(name: string): ModelProvider };
  readonly tools: ToolRegistry;
  readonly toolSettings: ToolSettings;
  readonly logger: Logger;
  readonly metrics: OrchestratorMetrics;
  readonly tracer: Tracer;
  readonly settings: ExecutorSettings;
}

const INPUT_POLL_MAX_MS = 5_000;
const MAX_RETRY_DELAY_MS = 60_000;

type Stop = 'wall_clock' | 'shutdown';

/** Outcome of the terminal transition: which state a journaled terminal event maps to. */
const OUTCOME_OF: Readonly<Record<TerminalState, RunOutcome>> = {
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * One delivery of one run, executed as docs/run-protocol.md "Running a run" says. The journal
 * and the run row are the truth: every delivery rebuilds its state from them, control messages
 * only wake the loop (a cancel also aborts the model stream at once, and the loop then confirms it
 * from the run row), and every stream event is appended before it is published.
 */
export class RunExecution {
  readonly #deps: ExecutorDeps;
  readonly #delivery: RunDelivery;
  readonly #job: RunJob;
  readonly #wake = new WakeSignal();
  #subscription: Subscription | undefined;
  #heartbeat: Heartbeat | undefined;
  #wallClock: WallClock | undefined;
  #writer: EventWriter | undefined;
  #progress: RunProgress | undefined;
  #run: RunRecord | undefined;
  /** A control message arrived since durable state was last read. */
  #dirty = false;
  /** A cancel control message arrived since durable state was last read. */
  #cancelSignalled = false;
  #cancelRequested = false;
  #inputClosed = false;
  #stop: Stop | undefined;
  #draining = false;
  #turnAbort: AbortController | undefined;
  #terminalDurable = false;
  #history: Promise<ConversationMessage[]> | undefined;
  #idleDeadline: number | undefined;
  #pollMs: number;
  #firstToken: { readonly turn: number; readonly sinceMs: number } | undefined;
  #agent: RunAgent | undefined;
  #policy: ToolPolicy | undefined;
  #provider: ModelProvider | undefined;
  /** Approval requests this delivery has shown (a redelivered run shows pending ones again). */
  readonly #shownApprovals = new Set<string>();
  #toolRound: ToolRound | undefined;

  constructor(deps: ExecutorDeps, delivery: RunDelivery) {
    this.#deps = deps;
    this.#delivery = delivery;
    this.#job = delivery.job;
    this.#pollMs = deps.settings.inputPollMs;
  }

  get job(): RunJob {
    return this.#job;
  }

  /** Executes the delivery and settles it (or deliberately leaves it unsettled when superseded). */
  async run(): Promise<RunOutcome> {
    try {
      return await this.#execute();
    } catch (error) {
      return await this.#onError(error);
    } finally {
      this.#dispose();
    }
  }

  /** Shutdown has begun: a run waiting for client input is handed back now instead of waiting. */
  drain(): void {
    this.#draining = true;
    this.#wake.notify();
  }

  /** The shutdown deadline passed: stop the turn, make what was said durable, hand the run back. */
  abort(): void {
    this.#stopWith('shutdown');
  }

  async #execute(): Promise<RunOutcome> {
    const { control, runs, journal } = this.#deps;
    const { tenantId, runId, sessionId } = this.#job;
    // Subscribe before reading: a change committed after the read is announced after this point.
    this.#subscription = control.listen(tenantId, runId, (message) => this.#onControl(message));
    await this.#subscription.ready;
    const { run, inputs } = await readRunWithInputs(runs, journal, tenantId, runId);
    if (run === null) return this.#reject(`run ${runId} not found`);
    if (run.sessionId !== sessionId) return this.#reject(`run ${runId} is not in session ${sessionId}`);
    if (isTerminalRunState(run.state)) {
      await this.#ack();
      return 'already_finished';
    }
    if (run.state === 'pending') {
      // Not admitted yet; the admitting gateway moves it to accepted.
      await this.#delivery.nak(this.#retryDelayMs());
      return 'requeued';
    }
    // last_seq 1 is the gateway's ACCEPTED: nothing of a worker's to rebuild.
    const events = run.lastSeq > 1 ? await readAllRunEvents(journal, tenantId, runId) : [];
    this.#run = run;
    const progress = RunProgress.fromJournal(events, inputs, run.lastSeq);
    this.#progress = progress;
    this.#cancelRequested = run.cancelRequested;
    this.#inputClosed = run.inputClosedAt !== null;
    if (progress.terminal !== undefined) {
      // A previous delivery journaled the end but did not finish the transition or the ack.
      this.#terminalDurable = true;
      await this.#transition(progress.terminal, run.failureReason ?? undefined);
      await this.#ack();
      return OUTCOME_OF[progress.terminal];
    }
    this.#writer = this.#createWriter(progress.lastSeq + 1);
    this.#startTimers(run);
    if (this.#cancelRequested) return this.#finishCancelled();
    const { agents, tools, toolSettings, models } = this.#deps;
    const agent = await resolveRunAgent(agents, run, progress.agent?.agentId);
    const policy = createToolPolicy(tools, toolSettings, agent);
    this.#agent = agent;
    this.#policy = policy;
    // An unknown model profile fails the run here (FAILED_PRECONDITION naming the profile).
    this.#provider = models.profile(agent.modelProfile);
    // Queued, not written: it goes out with the first batch of the answer. Decided apart from the
    // state: the transition below runs concurrently and may have landed before a crash.
    if (!progress.hasInProgressStatus) {
      this.#writer.status({
        status: 'IN_PROGRESS',
        message: 'in progress',
        agent_id: agent.agentId,
        agent_config_hash: agent.configHash,
        model_profile: agent.modelProfile,
        policy_id: policy.policyId,
        policy_hash: policy.policyHash,
      });
    }
    // The move to in_progress rides on the first append (the one carrying IN_PROGRESS): the run
    // row and the journal change together.
    if (run.state === 'accepted')
      this.#writer.transitionWithNextBatch({ runId, to: 'in_progress', from: ['accepted'] });
    return this.#loop();
  }

  async #loop(): Promise<RunOutcome> {
    const progress = this.#requireProgress();
    for (;;) {
      const writer = this.#requireWriter();
      if (writer.failed) throw writer.error;
      if (this.#stop === 'wall_clock') {
        return this.#fail(wallClockPayload(this.#deps.settings.wallClockMs), 'failed');
      }
      if (this.#stop === 'shutdown') return this.#handOff();
      if (this.#dirty) {
        const finished = await this.#refresh();
        if (finished !== undefined) return finished;
        continue; // the stop flags may have changed while reading
      }
      if (this.#cancelRequested) return this.#finishCancelled();
      const input = progress.nextPendingInput();
      if (input !== undefined) {
        const ended = await this.#advance(input);
        if (ended !== undefined) return ended;
        continue;
      }
      if (this.#inputClosed) return this.#complete();
      const waited = await this.#waitForInput();
      if (waited === 'handoff') return this.#handOff();
      if (waited === 'idle') {
        const finished = await this.#refresh();
        if (finished !== undefined) return finished;
        if (!this.#cancelRequested && progress.nextPendingInput() === undefined && this.#stop === undefined) {
          // No input for the idle timeout: end the run as if the client had half-closed.
          return this.#complete();
        }
      }
    }
  }

  /** Re-reads the durable state (run row, new inputs). Returns an outcome if the run is over. */
  async #refresh(): Promise<RunOutcome | undefined> {
    const { runs, journal } = this.#deps;
    const { tenantId, runId } = this.#job;
    const progress = this.#requireProgress();
    this.#dirty = false;
    this.#cancelSignalled = false;
    const { run, inputs } = await readRunWithInputs(
      runs,
      journal,
      tenantId,
      runId,
      progress.lastInputChainSeq,
    );
    if (run === null) throw new PalyraError('RUN_NOT_FOUND', 'run not found', { details: { runId } });
    this.#run = run;
    this.#cancelRequested = run.cancelRequested;
    // Inputs are read in the same step: none journaled before the half-close is missed.
    this.#inputClosed = run.inputClosedAt !== null;
    if (progress.addInputs(inputs) > 0) {
      this.#idleDeadline = undefined;
      this.#pollMs = this.#deps.settings.inputPollMs;
    }
    if (isTerminalRunState(run.state)) {
      // Finished elsewhere (the dead-letter handler, or a worker that took over): nothing left to do.
      this.#deps.logger.info(this.#fields({ state: run.state }), 'run finished by another worker');
      await this.#ack();
      return 'superseded';
    }
    return undefined;
  }

  /**
   * One step of answering `input`: finish the tools its latest turn asked for, or run a model turn
   * (resuming one a previous delivery started). Returns an outcome when the run ended.
   */
  async #advance(input: RunInput): Promise<RunOutcome | undefined> {
    const progress = this.#requireProgress();
    const latest = progress.latestTurn(input.eventId);
    if (latest?.final === true && latest.toolCalls.some((call) => !call.attested)) {
      return this.#tools().run(latest);
    }
    const resuming = latest !== undefined && !latest.final;
    const { maxModelTurns } = this.#deps.settings;
    if (!resuming && progress.turnCount(input.eventId) >= maxModelTurns) {
      return this.#fail(modelTurnLimitPayload(maxModelTurns), 'failed');
    }
    await this.#runTurn(input);
    return undefined;
  }

  /** The tool round of this delivery, created on first use. */
  #tools(): ToolRound {
    this.#toolRound ??= new ToolRound({
      job: this.#job,
      approvals: this.#deps.approvals,
      tools: this.#deps.tools,
      toolSettings: this.#deps.toolSettings,
      policy: this.#requirePolicy(),
      writer: this.#requireWriter(),
      progress: this.#requireProgress(),
      run: () => this.#requireRun(),
      interrupted: () => this.#cancelSignalled || this.#cancelRequested || this.#stop !== undefined,
      handingOff: () => this.#draining,
      wait: (ms) => this.#waitForSignal(ms),
      abortController: () => {
        const controller = new AbortController();
        this.#turnAbort = controller;
        if (this.#stop !== undefined) controller.abort(this.#stop);
        return controller;
      },
      releaseAbortController: (controller) => {
        if (this.#turnAbort === controller) this.#turnAbort = undefined;
      },
      fail: (payload) => this.#fail(payload, 'failed'),
      handOff: () => this.#handOff(),
      readSessionHistory: async (limit) => {
        const messages = [...(await this.#sessionHistory()), ...this.#requireProgress().transcript()];
        return messages
          .slice(Math.max(0, messages.length - limit))
          .map((message) => ({ ...message, atUnixMs: 0 }));
      },
      pollMs: this.#deps.settings.inputPollMs,
      shownApprovals: this.#shownApprovals,
    });
    return this.#toolRound;
  }

  /**
   * Waits up to `ms` for a control message; then re-reads the durable state (a poll covers a lost
   * message). Returns an outcome when the run was finished elsewhere.
   */
  async #waitForSignal(ms: number): Promise<RunOutcome | undefined> {
    if (!this.#dirty) await this.#wake.wait(Math.max(0, ms));
    return this.#refresh();
  }

  async #runTurn(input: RunInput): Promise<void> {
    const { tracer } = this.#deps;
    const provider = this.#requireProvider();
    const progress = this.#requireProgress();
    const writer = this.#requireWriter();
    this.#idleDeadline = undefined;
    this.#pollMs = this.#deps.settings.inputPollMs;
    if (this.#cancelSignalled) return; // the loop confirms the cancel first

    const latest = progress.latestTurn(input.eventId);
    // A turn journaled partly by an earlier delivery is resumed: its text so far is the prefix the
    // regenerated answer must reproduce, and only what follows it is written.
    let turn: TurnState = latest !== undefined && !latest.final ? latest : progress.beginTurn(input.eventId);
    const prefix = turn.text;
    let matched = 0;
    let matching = prefix !== '';
    if (!matching) this.#firstToken = { turn: turn.turn, sinceMs: input.recordedAtUs / 1000 };

    const restart = (regenerated: string): void => {
      // The regenerated answer does not start with the journaled prefix (a provider that is not
      // deterministic): close the old turn with an empty final chunk, answer anew in a new turn.
      this.#deps.logger.warn(
        this.#fields({ turn: turn.turn, inReplyTo: input.eventId }),
        'resumed turn diverged from the journal; answering in a new turn',
      );
      writer.endTurn(turn.turn, input.eventId);
      turn.final = true;
      turn = progress.beginTurn(input.eventId);
      matching = false;
      if (regenerated !== '') {
        writer.text(turn.turn, input.eventId, regenerated);
        turn.text += regenerated;
      }
    };

    const request = await this.#request(input);
    const controller = new AbortController();
    this.#turnAbort = controller;
    if (this.#stop !== undefined) controller.abort(this.#stop);
    const model = request.model ?? (this.#requireAgent().modelProfile || 'default');
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': provider.name,
      'gen_ai.request.model': model,
      'palyra.run_id': this.#job.runId,
      'palyra.turn': turn.turn,
    };
    const toolCalls: PlannedToolCallPayload[] = [];
    let usage: TurnUsagePayload | undefined;
    const interrupted = await withSpan(tracer, `chat ${model}`, attributes, async (span) => {
      try {
        for await (const event of provider.stream(request, controller.signal)) {
          if (event.type === 'finish') {
            span.setAttribute('gen_ai.usage.input_tokens', event.usage.promptTokens);
            span.setAttribute('gen_ai.usage.output_tokens', event.usage.completionTokens);
            span.setAttribute('gen_ai.response.finish_reasons', [event.reason]);
            if (event.reason === 'content_filter')
              throw contentPolicyRefusal(event.provider ?? provider.name);
            usage = {
              provider: event.provider ?? provider.name,
              model: event.model ?? model,
              prompt_tokens: event.usage.promptTokens,
              completion_tokens: event.usage.completionTokens,
            };
            continue;
          }
          if (event.type === 'tool_call') {
            toolCalls.push({ call_id: event.id, tool_name: event.name, arguments_json: event.argumentsJson });
            continue;
          }
          let text = event.text;
          if (matching) {
            const overlap = Math.min(text.length, prefix.length - matched);
            if (text.slice(0, overlap) !== prefix.slice(matched, matched + overlap)) {
              restart(prefix.slice(0, matched) + text);
              continue;
            }
            matched += overlap;
            text = text.slice(overlap);
            if (matched === prefix.length) matching = false;
          }
          if (text !== '') {
            writer.text(turn.turn, input.eventId, text);
            turn.text += text;
          }
          if (writer.backlogged) await writer.waitForCapacity();
        }
        return false;
      } catch (error) {
        // Aborted by a cancel, the wall clock, shutdown or a failed append: the loop decides.
        if (controller.signal.aborted) return true;
        throw error;
      } finally {
        this.#turnAbort = undefined;
      }
    });
    if (interrupted) {
      if (!writer.failed) writer.closeChunk();
      return;
    }
    // The regenerated answer ended inside the journaled prefix: it is not the same answer.
    if (matching) restart(prefix.slice(0, matched));
    // A turn that asked for tools carries the calls on its final chunk; any other turn is an answer.
    writer.endTurn(turn.turn, input.eventId, {
      ...(toolCalls.length > 0 ? { toolCalls } : { awaitingInput: true }),
      ...(usage === undefined ? {} : { usage }),
    });
    turn.final = true;
    progress.planToolCalls(turn, toolCalls);
    if (usage !== undefined) await this.#recordUsage(turn.turn, usage);
  }

  /** The run's usage ledger and totals; idempotent per turn, so a replayed turn is not counted twice. */
  async #recordUsage(turn: number, usage: TurnUsagePayload): Promise<void> {
    const { tenantId, runId } = this.#job;
    await this.#deps.runs.recordUsage(tenantId, runId, {
      callIndex: turn,
      turn,
      provider: usage.provider,
      model: usage.model,
      promptTokens: usage.prompt_tokens,
      completionTokens: usage.completion_tokens,
    });
  }

  async #request(input: RunInput): Promise<ModelRequest> {
    const { settings } = this.#deps;
    const own = this.#requireProgress().conversation(input.eventId);
    const history = await this.#sessionHistory();
    const messages: ModelMessage[] = boundedContext(history, own, settings.contextMaxMessages);
    const agent = this.#requireAgent();
    const tools = this.#requirePolicy().offeredTools();
    return {
      messages,
      ...(agent.systemPrompt === '' ? {} : { system: agent.systemPrompt }),
      ...(tools.length === 0 ? {} : { tools }),
    };
  }

  /** The session's conversation before this run, read once per delivery (and not at all for a new session). */
  #sessionHistory(): Promise<ConversationMessage[]> {
    if (this.#history === undefined) {
      const firstChainSeq = this.#requireProgress().firstChainSeq ?? 1;
      const { tenantId, sessionId } = this.#job;
      this.#history =
        firstChainSeq <= 1
          ? Promise.resolve([])
          : readSessionHistory(
              this.#deps.journal,
              tenantId,
              sessionId,
              firstChainSeq,
              this.#deps.settings.contextMaxMessages,
            );
    }
    return this.#history;
  }

  /**
   * Makes the answer durable and visible at once (a client is waiting for it; a half-close that
   * already arrived was handled by the loop before, letting DONE share the append), then waits
   * for a control message, a poll of the durable state (a lost core-NATS message costs latency
   * only), the idle timeout, or a stop.
   */
  async #waitForInput(): Promise<'woken' | 'idle' | 'handoff'> {
    await this.#requireWriter().flush();
    if (this.#draining) return 'handoff';
    if (this.#stop !== undefined || this.#dirty) return 'woken';
    const now = Date.now();
    this.#idleDeadline ??= now + this.#deps.settings.inputIdleTimeoutMs;
    const remaining = this.#idleDeadline - now;
    if (remaining <= 0) return 'idle';
    const woken = await this.#wake.wait(Math.min(this.#pollMs, remaining));
    if (this.#draining) return 'handoff';
    if (!woken) {
      if (Date.now() >= this.#idleDeadline) return 'idle';
      this.#pollMs = Math.min(this.#pollMs * 2, INPUT_POLL_MAX_MS);
      this.#dirty = true;
    }
    return 'woken';
  }

  async #complete(): Promise<RunOutcome> {
    const writer = this.#requireWriter();
    writer.end('run_completed', { status: 'DONE', message: 'done' }, { runId: this.#job.runId, to: 'done' });
    await this.#flushTerminal(writer, 'done');
    await this.#ack();
    return 'done';
  }

  /**
   * Flushes a batch ending in a terminal event whose append also moves the run to its final state.
   * A run finished meanwhile by someone else (the dead-letter handler) rejects the transition and
   * nothing is written; that run is over, as before.
   */
  async #flushTerminal(writer: EventWriter, to: TerminalState): Promise<void> {
    try {
      await writer.flush();
      this.#terminalDurable = true;
    } catch (error) {
      if (!isInvalidTransition(error)) throw error;
      const current = await this.#deps.runs.get(this.#job.tenantId, this.#job.runId);
      if (current === null || !isTerminalRunState(current.state)) throw error;
      this.#terminalDurable = true;
      this.#deps.logger.info(this.#fields({ state: current.state, wanted: to }), 'run already finished');
    }
  }

  #terminalTransition(to: TerminalState, failureReason?: string): RunTransition {
    const step = { runId: this.#job.runId, to };
    return to === 'failed' && failureReason !== undefined ? { ...step, failureReason } : step;
  }

  async #finishCancelled(): Promise<RunOutcome> {
    return this.#fail(cancelledPayload(), 'cancelled');
  }

  /** Journals `run_failed` after whatever is pending, moves the run to failed/cancelled, acks. */
  async #fail(payload: RunFailedPayload, state: 'failed' | 'cancelled'): Promise<RunOutcome> {
    const writer = this.#writer;
    if (writer !== undefined && !writer.failed) {
      writer.end('run_failed', payload, this.#terminalTransition(state, payload.message));
      await this.#flushTerminal(writer, state);
    } else {
      const finished = await this.#failWithFreshWriter(payload, state);
      if (finished !== undefined) return finished;
    }
    await this.#ack();
    return state;
  }

  /**
   * After a failed append it is unknown whether the batch committed: read what the journal has
   * after the last seq known durable, and append the failure after it (unless the run ended).
   */
  async #failWithFreshWriter(
    payload: RunFailedPayload,
    state: 'failed' | 'cancelled',
  ): Promise<RunOutcome | undefined> {
    const { journal } = this.#deps;
    const { tenantId, runId } = this.#job;
    const known = this.#writer?.durableSeq ?? this.#progress?.lastSeq ?? 0;
    const events = await readAllRunEvents(journal, tenantId, runId, known);
    const tail = RunProgress.fromJournal(events, [], known);
    if (tail.terminal !== undefined) {
      this.#terminalDurable = true;
      await this.#transition(tail.terminal);
      await this.#ack();
      return OUTCOME_OF[tail.terminal];
    }
    this.#writer?.dispose();
    const writer = this.#createWriter(tail.lastSeq + 1);
    this.#writer = writer;
    // From accepted or in_progress: the failed batch may have carried the move to in_progress.
    writer.end('run_failed', payload, this.#terminalTransition(state, payload.message));
    await this.#flushTerminal(writer, state);
    return undefined;
  }

  /** Shutdown: make what was said durable, then NAK so another worker continues at once. */
  async #handOff(): Promise<RunOutcome> {
    const writer = this.#writer;
    if (writer !== undefined && !writer.failed) {
      try {
        await writer.flush();
      } catch (error) {
        this.#deps.logger.warn(this.#fields({ err: error }), 'events not flushed before hand-off');
      }
    }
    await this.#delivery.nak(0);
    return 'handed_off';
  }

  async #onError(error: unknown): Promise<RunOutcome> {
    const { logger, settings } = this.#deps;
    if (this.#run === undefined) {
      // The run could not be loaded. A malformed job never will be; anything else is retried.
      if (isPalyraError(error) && !error.retryable) return this.#reject(`invalid run job: ${error.message}`);
      throw error;
    }
    const disposition = classifyError(error, this.#delivery.deliveryCount >= settings.maxDeliver);
    if (disposition.kind === 'superseded') {
      // Our append lost the seq race: another worker holds the run. It settles the job.
      logger.info(this.#fields({ err: error }), 'run is held by another worker; stopping');
      return 'superseded';
    }
    if (this.#terminalDurable || disposition.kind === 'retry') {
      // The next delivery continues from the journal (and only finishes the transition if the
      // terminal event is already durable).
      logger.warn(this.#fields({ err: error }), 'run delivery failed; retrying later');
      const writer = this.#writer;
      if (!this.#terminalDurable && writer !== undefined && !writer.failed) {
        await writer.flush().catch(() => undefined);
      }
      await this.#delivery.nak(this.#retryDelayMs());
      return 'requeued';
    }
    if (disposition.unexpected) logger.error(this.#fields({ err: error }), 'run failed unexpectedly');
    else logger.warn(this.#fields({ err: error, code: disposition.error.code }), 'run failed');
    try {
      return await this.#fail(errorPayload(disposition.error), 'failed');
    } catch (failError) {
      if (isRunSeqConflict(failError)) return 'superseded';
      throw failError;
    }
  }

  /**
   * Moves the run to a terminal state after its terminal event is durable. A run still in
   * `accepted` (its in_progress transition was lost) passes through in_progress to `done`.
   */
  async #transition(to: TerminalState, failureReason?: string): Promise<void> {
    const { runs, logger } = this.#deps;
    const { tenantId, runId } = this.#job;
    this.#terminalDurable = true;
    const options = to === 'failed' && failureReason !== undefined ? { failureReason } : {};
    try {
      await runs.transition(tenantId, runId, to, options);
    } catch (error) {
      if (!isInvalidTransition(error)) throw error;
      const current = await runs.get(tenantId, runId);
      const state: RunState | undefined = current?.state;
      if (state === 'accepted' && to === 'done') {
        await runs.transition(tenantId, runId, 'in_progress', { from: ['accepted'] });
        await runs.transition(tenantId, runId, 'done');
        return;
      }
      if (state !== undefined && isTerminalRunState(state)) {
        logger.info(this.#fields({ state, wanted: to }), 'run already finished');
        return;
      }
      throw error;
    }
  }

  #onControl(message: ControlMessage): void {
    this.#dirty = true;
    if (message.type === 'cancel') {
      // Stop the model now; the loop confirms the durable cancel flag before failing the run.
      this.#cancelSignalled = true;
      this.#turnAbort?.abort('cancel');
    }
    this.#wake.notify();
  }

  #stopWith(stop: Stop): void {
    this.#stop ??= stop;
    this.#turnAbort?.abort(stop);
    this.#wake.notify();
  }

  #startTimers(run: RunRecord): void {
    const { settings, runs, logger } = this.#deps;
    const startedMs = run.startedAt?.getTime() ?? Date.now();
    this.#wallClock = startWallClock(startedMs + settings.wallClockMs, () => this.#stopWith('wall_clock'));
    if (this.#wallClock.expired) this.#stop ??= 'wall_clock';
    const { tenantId, runId } = this.#job;
    this.#heartbeat = startHeartbeat(heartbeatIntervalMs(settings.ackWaitMs), () => {
      this.#delivery.inProgress();
      // During a long turn, also look at the cancel flag in case a control message was lost.
      if (this.#turnAbort === undefined) return;
      runs.get(tenantId, runId).then(
        (current) => {
          if (current?.cancelRequested) this.#onControl({ type: 'cancel', reason: '', requestedBy: '' });
        },
        (error: unknown) => logger.debug(this.#fields({ err: error }), 'cancel check failed'),
      );
    });
  }

  #createWriter(nextSeq: number): EventWriter {
    const { journal, runEvents, settings, logger } = this.#deps;
    const { tenantId, sessionId, runId } = this.#job;
    return new EventWriter({
      journal,
      runEvents,
      tenantId,
      sessionId,
      runId,
      nextSeq,
      batchMaxEvents: settings.batchMaxEvents,
      batchMaxDelayMs: settings.batchMaxDelayMs,
      logger,
      onDurable: (events, seconds) => this.#onDurable(events, seconds),
      onFailure: () => {
        this.#turnAbort?.abort('writer_failed');
        this.#wake.notify();
      },
    });
  }

  #onDurable(events: readonly StoredJournalEvent[], seconds: number): void {
    const { metrics } = this.#deps;
    metrics.journalAppend.observe(seconds);
    metrics.countEvents(events.map((event) => event.kind));
    const firstToken = this.#firstToken;
    if (firstToken === undefined) return;
    for (const event of events) {
      if (event.kind !== 'model_token') continue;
      const payload = event.payload as { turn?: unknown; text?: unknown };
      if (payload.turn === firstToken.turn && payload.text !== '') {
        metrics.timeToFirstToken.observe(Math.max(0, Date.now() - firstToken.sinceMs) / 1000);
        this.#firstToken = undefined;
        return;
      }
    }
  }

  async #reject(reason: string): Promise<RunOutcome> {
    this.#deps.logger.warn(this.#fields({ reason }), 'run job rejected');
    await this.#delivery.term(reason);
    return 'rejected';
  }

  async #ack(): Promise<void> {
    try {
      await this.#delivery.ack();
    } catch (error) {
      // The run's state is durable; a redelivery finds it finished and acks again.
      this.#deps.logger.warn(this.#fields({ err: error }), 'ack not confirmed');
    }
  }

  #retryDelayMs(): number {
    const base = this.#deps.settings.retryBaseDelayMs;
    const exponent = Math.min(Math.max(this.#delivery.deliveryCount - 1, 0), 16);
    const delay = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** exponent);
    return Math.round(delay * (0.8 + Math.random() * 0.4));
  }

  #fields(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const { tenantId, sessionId, runId } = this.#job;
    return { tenantId, sessionId, runId, deliveryCount: this.#delivery.deliveryCount, ...extra };
  }

  #requireProgress(): RunProgress {
    if (this.#progress === undefined) throw new PalyraError('INTERNAL', 'run state not loaded');
    return this.#progress;
  }

  #requireRun(): RunRecord {
    if (this.#run === undefined) throw new PalyraError('INTERNAL', 'run not loaded');
    return this.#run;
  }

  #requireAgent(): RunAgent {
    if (this.#agent === undefined) throw new PalyraError('INTERNAL', 'run agent not resolved');
    return this.#agent;
  }

  #requirePolicy(): ToolPolicy {
    if (this.#policy === undefined) throw new PalyraError('INTERNAL', 'tool policy not built');
    return this.#policy;
  }

  #requireProvider(): ModelProvider {
    if (this.#provider === undefined) throw new PalyraError('INTERNAL', 'model provider not resolved');
    return this.#provider;
  }

  #requireWriter(): EventWriter {
    if (this.#writer === undefined) throw new PalyraError('INTERNAL', 'event writer not created');
    return this.#writer;
  }

  #dispose(): void {
    this.#subscription?.unsubscribe();
    this.#heartbeat?.stop();
    this.#wallClock?.stop();
    this.#writer?.dispose();
    this.#turnAbort?.abort('finished');
  }
}

/**
 * A provider that ended the turn with `content_filter` refused to answer: the run fails (what the
 * model said so far stays journaled) rather than passing a truncated answer off as complete.
 */
function contentPolicyRefusal(provider: string): PalyraError {
  return new PalyraError(
    'CONTENT_POLICY',
    `model provider ${provider} refused the request under its content policy`,
    {
      details: { hint: PROVIDER_ERROR_KIND_TRAITS.content_policy.hint.replace('{provider}', provider) },
    },
  );
}

function isInvalidTransition(error: unknown): boolean {
  return isPalyraError(error) && error.code === 'INVALID_STATE_TRANSITION';
}
