import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import {
  type Bus,
  type ConsumerHandle,
  connectNatsBus,
  createInProcessBroker,
  type DeadLetter,
  type RunDelivery,
  type RunQueue,
} from '@palyra/bus';
import {
  CANCELLED_BY_REQUEST,
  isTerminalRunState,
  type ModelTokenPayload,
  newId,
  type RunEventRecord,
  type RunStatusPayload,
  silentLogger,
} from '@palyra/core';
import {
  connectPostgres,
  createRepositories,
  type Database,
  type JournalStore,
  migrate,
  openPglite,
  type Repositories,
  type StoredJournalEvent,
  toRunEventRecord,
} from '@palyra/journal';
import { createDeterministicProvider, type ModelProvider } from '@palyra/providers';
import { createMetrics, type Metrics } from '@palyra/telemetry';
import {
  cleanupNatsPrefix,
  createTestDatabase,
  natsTestServers,
  type TestDatabase,
  uniqueStreamPrefix,
  waitFor,
} from '@palyra/testkit';
import type { ToolSettings } from '@palyra/tools';
import { singleProviderRuntime } from '../src/agent-runtime.js';
import {
  createOrchestrator,
  type Orchestrator,
  type OrchestratorSettings,
  SETTINGS_DEFAULTS,
} from '../src/app.js';

/** Queue behaviour a test needs from its backend (short ack waits for redelivery tests). */
export interface QueueOptions {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly retryDelayMs: number;
}

const QUEUE_DEFAULTS: QueueOptions = { ackWaitMs: 30_000, maxDeliver: 5, retryDelayMs: 200 };

export interface BusBackend {
  open(name: string): Promise<Bus>;
  /** Closes every connection and removes the backend. */
  close(): Promise<void>;
}

/** A database shared by a test file (tests isolate themselves by tenant) and buses per test. */
export interface Driver {
  readonly name: string;
  database(): Promise<Database>;
  /** A bus backend for one test; every `open()` is another process's connection to it. */
  busBackend(options: QueueOptions): Promise<BusBackend>;
  dispose(): Promise<void>;
}

export function postgresNatsDriver(): Driver {
  let shared: Promise<{ testDatabase: TestDatabase; database: Database }> | undefined;
  return {
    name: 'postgres + nats',
    async database() {
      shared ??= (async () => {
        const testDatabase = await createTestDatabase();
        const database = await connectPostgres({ url: testDatabase.url, poolSize: 20 });
        await migrate(database);
        return { testDatabase, database };
      })();
      return (await shared).database;
    },
    async busBackend(options) {
      const prefix = uniqueStreamPrefix();
      const opened: Bus[] = [];
      const open = async (name: string): Promise<Bus> => {
        const bus = await connectNatsBus({
          servers: natsTestServers(),
          prefix,
          name,
          ackWaitMs: options.ackWaitMs,
          maxDeliver: options.maxDeliver,
          retryDelayMs: options.retryDelayMs,
          pullExpiresMs: 1_000,
          closeDeadlineMs: 2_000,
        });
        opened.push(bus);
        return bus;
      };
      return {
        open,
        async close() {
          await Promise.all(opened.map((bus) => bus.close()));
          await cleanupNatsPrefix(prefix);
        },
      };
    },
    async dispose() {
      if (shared === undefined) return;
      const { testDatabase, database } = await shared;
      await database.close();
      await testDatabase.drop();
    },
  };
}

export function pgliteInProcessDriver(): Driver {
  let shared: Promise<Database> | undefined;
  return {
    name: 'pglite + in-process bus',
    database() {
      shared ??= (async () => {
        const database = await openPglite();
        await migrate(database);
        return database;
      })();
      return shared;
    },
    async busBackend(options) {
      const broker = createInProcessBroker(options);
      const opened: Bus[] = [];
      return {
        open(name) {
          const bus = broker.connect({ name });
          opened.push(bus);
          return Promise.resolve(bus);
        },
        async close() {
          await Promise.all(opened.map((bus) => bus.close()));
          broker.close();
        },
      };
    },
    async dispose() {
      if (shared !== undefined) await (await shared).close();
    },
  };
}

export const TEST_SETTINGS: OrchestratorSettings = {
  concurrency: 8,
  ackWaitMs: 30_000,
  maxDeliver: 5,
  wallClockMs: 120_000,
  inputIdleTimeoutMs: 30_000,
  batchMaxEvents: 64,
  batchMaxDelayMs: 5,
  ...SETTINGS_DEFAULTS,
  retryBaseDelayMs: 200,
};

/** The defaults of the environment, but approvals time out quickly. */
export const TEST_TOOL_SETTINGS: ToolSettings = {
  allowedTools: [],
  approvalRequiredTools: ['palyra.http.fetch'],
  maxCallsPerRun: 4,
  callTimeoutMs: 10_000,
  approvalTimeoutMs: 60_000,
  httpFetch: { allowPrivateTargets: false, maxResponseBytes: 256 * 1024, timeoutMs: 10_000, maxRedirects: 3 },
};

/**
 * Makes a worker look dead from one moment on, as a killed process would: appends stop reaching
 * the journal (they hang until `revive()`), and its deliveries stop being heartbeated or settled
 * (attempts are recorded), so the queue redelivers the run after the ack wait.
 */
export class DeathSwitch {
  dead = false;
  /** Settle calls attempted on deliveries after death. */
  readonly settleAttemptsAfterDeath: string[] = [];
  #revived: (() => void) | undefined;
  readonly #revival: Promise<void>;

  constructor() {
    this.#revival = new Promise<void>((resolve) => {
      this.#revived = resolve;
    });
  }

  kill(): void {
    this.dead = true;
  }

  /** Lets the zombie's held appends through (they then meet the journal's seq uniqueness). */
  revive(): void {
    this.#revived?.();
  }

  waitForRevival(): Promise<void> {
    return this.#revival;
  }
}

export interface WorkerOptions {
  readonly name?: string;
  readonly provider?: ModelProvider;
  readonly settings?: Partial<OrchestratorSettings>;
  readonly toolSettings?: Partial<ToolSettings>;
  /** Kill the worker once this many model_token events of its own are durable. */
  readonly dieAfterTokens?: number;
}

export interface Worker {
  readonly orchestrator: Orchestrator;
  readonly metrics: Metrics;
  readonly bus: Bus;
  readonly death: DeathSwitch;
  /** Runs this worker appended events for. */
  readonly runsWritten: Set<string>;
}

export interface Harness {
  readonly driver: Driver;
  readonly repositories: Repositories;
  readonly tenantId: string;
  /** Event ids whose append has resolved (through any worker's journal): what readers can see. */
  readonly durable: Set<string>;
  startWorker(options?: WorkerOptions): Promise<Worker>;
  openBus(name: string): Promise<Bus>;
  gateway(): Promise<Gateway>;
}

export async function createHarness(
  t: TestContext,
  driver: Driver,
  queue: Partial<QueueOptions> = {},
): Promise<Harness> {
  const database = await driver.database();
  const repositories = createRepositories(database);
  const tenantId = `t-${newId().toLowerCase()}`;
  await repositories.tenants.ensure(tenantId);
  const backend = await driver.busBackend({ ...QUEUE_DEFAULTS, ...queue });
  const openBus = (name: string) => backend.open(name);
  // Workers stop before the buses close (a bus waits for its consumers' handlers), newest first.
  const cleanups: (() => Promise<void>)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await backend.close();
  });
  const durable = new Set<string>();
  let gatewayBus: Promise<Bus> | undefined;
  const harness: Harness = {
    driver,
    repositories,
    tenantId,
    durable,
    openBus,
    async startWorker(options = {}) {
      const bus = await openBus('orchestrator');
      const death = new DeathSwitch();
      const runsWritten = new Set<string>();
      const journal = trackingJournal(
        repositories.journal,
        durable,
        runsWritten,
        death,
        options.dieAfterTokens,
      );
      const metrics = createMetrics({ defaultMetrics: false });
      const orchestrator = createOrchestrator({
        repositories: { ...repositories, journal },
        bus: mortalBus(bus, death),
        database,
        runtime: singleProviderRuntime(options.provider ?? createDeterministicProvider(), {
          ...TEST_TOOL_SETTINGS,
          ...options.toolSettings,
        }),
        logger: silentLogger,
        metrics,
        settings: { ...TEST_SETTINGS, ...options.settings },
      });
      cleanups.push(async () => {
        // A dead worker's executions are stuck in held appends: let them meet the journal.
        death.revive();
        await orchestrator.close();
      });
      orchestrator.start();
      return { orchestrator, metrics, bus, death, runsWritten };
    },
    async gateway() {
      gatewayBus ??= openBus('gateway');
      return new Gateway(repositories, await gatewayBus, tenantId, durable);
    },
  };
  return harness;
}

/** The worker's journal: records what is durable and which runs it wrote; obeys the death switch. */
function trackingJournal(
  journal: JournalStore,
  durable: Set<string>,
  runsWritten: Set<string>,
  death: DeathSwitch,
  dieAfterTokens: number | undefined,
): JournalStore {
  let tokens = 0;
  return {
    ...bindAll(journal),
    async append(tenantId, sessionId, events, options) {
      if (death.dead) await death.waitForRevival();
      const stored = await journal.append(tenantId, sessionId, events, options);
      for (const event of stored) {
        durable.add(event.eventId);
        if (event.runId !== null) runsWritten.add(event.runId);
        if (event.kind === 'model_token') tokens += 1;
      }
      if (dieAfterTokens !== undefined && tokens >= dieAfterTokens) death.kill();
      return stored;
    },
  };
}

function bindAll(journal: JournalStore): JournalStore {
  return {
    append: journal.append.bind(journal),
    verifyChain: journal.verifyChain.bind(journal),
    readRunEvents: journal.readRunEvents.bind(journal),
    readRunInputs: journal.readRunInputs.bind(journal),
    readSessionEvents: journal.readSessionEvents.bind(journal),
    readRecent: journal.readRecent.bind(journal),
  };
}

/** The worker's bus: after death its deliveries are neither heartbeated nor settled. */
function mortalBus(bus: Bus, death: DeathSwitch): Bus {
  const queue = bus.runQueue;
  const mortalDelivery = (delivery: RunDelivery): RunDelivery => {
    const attempt = (what: string, settle: () => Promise<void>): Promise<void> => {
      if (!death.dead) return settle();
      death.settleAttemptsAfterDeath.push(what);
      return Promise.resolve();
    };
    return {
      job: delivery.job,
      deliveryCount: delivery.deliveryCount,
      trace: delivery.trace,
      ack: () => attempt('ack', () => delivery.ack()),
      nak: (delayMs) => attempt('nak', () => delivery.nak(delayMs)),
      term: (reason) => attempt('term', () => delivery.term(reason)),
      inProgress: () => {
        if (!death.dead) delivery.inProgress();
      },
    };
  };
  const runQueue: RunQueue = {
    enqueue: (job) => queue.enqueue(job),
    consume: (handler, options): ConsumerHandle =>
      queue.consume((delivery) => handler(mortalDelivery(delivery)), options),
    // A dead process handles no dead letters either: refuse, so a live replica gets the letter.
    onDeadLetter: (handler) =>
      queue.onDeadLetter((letter) => {
        if (death.dead) throw new Error('worker is dead');
        return handler(letter);
      }),
    pending: () => queue.pending(),
  };
  return {
    runQueue,
    runEvents: bus.runEvents,
    control: bus.control,
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}

/**
 * Plays the gateway exactly as docs/run-protocol.md says (durable first, then notify) and follows
 * a run's live events, checking each one was durable when it arrived.
 */
export class Gateway {
  readonly #repositories: Repositories;
  readonly #bus: Bus;
  readonly #tenantId: string;
  readonly #durable: Set<string>;

  constructor(repositories: Repositories, bus: Bus, tenantId: string, durable: Set<string>) {
    this.#repositories = repositories;
    this.#bus = bus;
    this.#tenantId = tenantId;
    this.#durable = durable;
  }

  get bus(): Bus {
    return this.#bus;
  }

  /** Creates a session (unless given), admits a run with the input and enqueues it. */
  async startRun(text: string | undefined, options: { sessionId?: string } = {}): Promise<RunFollower> {
    const { sessions, runs, journal } = this.#repositories;
    const tenantId = this.#tenantId;
    const identity = { principal: 'user:alice', deviceId: newId(), channel: '' };
    const sessionId =
      options.sessionId ??
      (await sessions.create(tenantId, { sessionKey: `key-${newId()}`, ...identity })).sessionId;
    const runId = newId();
    const follower = new RunFollower(
      this.#repositories,
      this.#bus,
      tenantId,
      sessionId,
      runId,
      this.#durable,
    );
    await follower.subscribed;
    await runs.create(tenantId, { runId, sessionId, state: 'accepted', ...identity });
    const inputId = newId();
    const accepted: RunStatusPayload = {
      status: 'ACCEPTED',
      message: `accepted session=${sessionId} principal=${identity.principal}`,
    };
    const stored = await journal.append(tenantId, sessionId, [
      ...(text === undefined
        ? []
        : [
            {
              eventId: inputId,
              runId,
              kind: 'message_received' as const,
              actor: 'user' as const,
              payload: { text },
            },
          ]),
      { eventId: newId(), runId, runSeq: 1, kind: 'run_status', actor: 'system', payload: accepted },
    ]);
    for (const event of stored) this.#durable.add(event.eventId);
    this.#bus.runEvents.publish(
      tenantId,
      runId,
      stored.filter((event) => event.runSeq !== null).map(toRunEventRecord),
    );
    await this.#bus.runQueue.enqueue({ tenantId, sessionId, runId });
    follower.inputIds.push(...(text === undefined ? [] : [inputId]));
    return follower;
  }
}

export class RunFollower {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly runId: string;
  readonly inputIds: string[] = [];
  /** Live events in arrival order. */
  readonly live: RunEventRecord[] = [];
  /** Live events that were not durable when they arrived. */
  readonly notDurableWhenReceived: number[] = [];
  readonly subscribed: Promise<void>;
  readonly #repositories: Repositories;
  readonly #bus: Bus;
  readonly #waiters = new Set<() => void>();

  constructor(
    repositories: Repositories,
    bus: Bus,
    tenantId: string,
    sessionId: string,
    runId: string,
    durable: Set<string>,
  ) {
    this.#repositories = repositories;
    this.#bus = bus;
    this.tenantId = tenantId;
    this.sessionId = sessionId;
    this.runId = runId;
    const subscription = bus.runEvents.subscribe(tenantId, runId, (events) => {
      for (const event of events) {
        if (!durable.has(event.eventId)) this.notDurableWhenReceived.push(event.seq);
        this.live.push(event);
      }
      for (const waiter of this.#waiters) waiter();
    });
    this.subscribed = subscription.ready;
  }

  /** Journals another input, then notifies the worker. */
  async send(text: string): Promise<string> {
    const eventId = newId();
    await this.#repositories.journal.append(this.tenantId, this.sessionId, [
      { eventId, runId: this.runId, kind: 'message_received', actor: 'user', payload: { text } },
    ]);
    this.inputIds.push(eventId);
    this.#bus.control.notify(this.tenantId, this.runId, { type: 'input', eventId });
    return eventId;
  }

  async cancel(): Promise<void> {
    const request = { reason: CANCELLED_BY_REQUEST, requestedBy: 'user:alice' };
    await this.#repositories.runs.requestCancel(this.tenantId, this.runId, request);
    await this.#repositories.journal.append(this.tenantId, this.sessionId, [
      {
        eventId: newId(),
        runId: this.runId,
        kind: 'run_cancel_requested',
        actor: 'user',
        payload: { reason: request.reason, requested_by: request.requestedBy },
      },
    ]);
    this.#bus.control.notify(this.tenantId, this.runId, { type: 'cancel', ...request });
  }

  async halfClose(): Promise<void> {
    await this.#repositories.runs.closeInput(this.tenantId, this.runId);
    this.#bus.control.notify(this.tenantId, this.runId, { type: 'half_close' });
  }

  /** Resolves with the first live event matching, waiting for it to arrive. */
  async waitForLive(
    predicate: (event: RunEventRecord) => boolean,
    { timeoutMs = 10_000, what = 'live event' } = {},
  ): Promise<RunEventRecord> {
    const found = (): RunEventRecord | undefined => this.live.find(predicate);
    const now = found();
    if (now !== undefined) return now;
    return new Promise<RunEventRecord>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = (): void => {
        const event = found();
        if (event === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(event);
      };
      this.#waiters.add(check);
    });
  }

  /** Waits for the terminal event in the journal (the truth) and returns the run's stream events. */
  async ended(timeoutMs = 15_000): Promise<StoredJournalEvent[]> {
    return waitFor(
      async () => {
        const events = await this.journalEvents();
        const last = events.at(-1);
        return last?.kind === 'run_completed' || last?.kind === 'run_failed' ? events : undefined;
      },
      { timeoutMs, intervalMs: 20, what: `the end of run ${this.runId}` },
    );
  }

  async journalEvents(): Promise<StoredJournalEvent[]> {
    const events: StoredJournalEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.#repositories.journal.readRunEvents(this.tenantId, this.runId, after, {
        limit: 500,
      });
      events.push(...page);
      if (page.length < 500) return events;
      after = page.at(-1)?.runSeq ?? after;
    }
  }

  /**
   * The run's terminal state. The worker moves the run after its terminal event is durable, so
   * this waits for the transition.
   */
  async state(): Promise<string> {
    return waitFor(
      async () => {
        const state = (await this.#repositories.runs.get(this.tenantId, this.runId))?.state;
        return state !== undefined && isTerminalRunState(state) ? state : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 10, what: `run ${this.runId} to reach a terminal state` },
    );
  }
}

export function tokenPayloads(events: readonly { kind: string; payload: unknown }[]): ModelTokenPayload[] {
  return events
    .filter((event) => event.kind === 'model_token')
    .map((event) => event.payload as ModelTokenPayload);
}

/** The answer text of one turn, as a client concatenating its chunks sees it. */
export function turnText(events: readonly { kind: string; payload: unknown }[], turn: number): string {
  return tokenPayloads(events)
    .filter((chunk) => chunk.turn === turn)
    .map((chunk) => chunk.text)
    .join('');
}

/** Seqs 1..n without gaps or repeats, ACCEPTED first, exactly one terminal event, last. */
export function assertWellFormed(events: readonly StoredJournalEvent[]): void {
  assert.deepEqual(
    events.map((event) => event.runSeq),
    Array.from({ length: events.length }, (_, index) => index + 1),
    'seqs are contiguous from 1',
  );
  assert.equal((events[0]?.payload as RunStatusPayload | undefined)?.status, 'ACCEPTED');
  const terminal = events.filter((event) => event.kind === 'run_completed' || event.kind === 'run_failed');
  assert.equal(terminal.length, 1, 'exactly one terminal event');
  assert.equal(terminal[0], events.at(-1), 'the terminal event is last');
  for (const chunk of tokenPayloads(events)) {
    assert.ok((chunk.text.match(/\S+/g)?.length ?? 0) <= 16, `chunk of more than 16 words: ${chunk.text}`);
  }
}

export function countOf(events: readonly StoredJournalEvent[], status: string): number {
  return events.filter((event) => (event.payload as { status?: unknown }).status === status).length;
}

export function words(count: number, prefix = 'word'): string {
  return Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`).join(' ');
}

/** A metric's value from a worker's registry (sum over label sets matching `labels`). */
export async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values
    .filter((value) =>
      Object.entries(labels).every(
        ([key, expected]) => (value.labels as Record<string, unknown>)[key] === expected,
      ),
    )
    .reduce((sum, value) => sum + value.value, 0);
}

export type { DeadLetter };
