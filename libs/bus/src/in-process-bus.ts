import { invalidArgument, type Logger, PalyraError, type RunEventRecord, silentLogger } from '@palyra/core';
import { injectTraceContext, type TraceCarrier } from '@palyra/telemetry';
import { MAX_DELIVERIES_REASON, requireRunJob, retryDelayMs } from './codec.js';
import type {
  Bus,
  ConsumeOptions,
  ConsumerHandle,
  ControlMessage,
  DeadLetter,
  EnqueueResult,
  RunDelivery,
  RunJob,
  RunQueue,
  Subscription,
} from './ports.js';
import { createSubjects, requireSubjectToken } from './subjects.js';
import { TOPOLOGY_DEFAULTS } from './topology.js';

export interface InProcessBusOptions {
  readonly ackWaitMs?: number;
  readonly maxDeliver?: number;
  readonly duplicateWindowMs?: number;
  /** First NAK delay after a handler throws; doubles per delivery. Default 1000. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly closeDeadlineMs?: number;
  readonly logger?: Logger;
}

export interface InProcessConnectOptions {
  /** Dead-letter group, like the NATS `<name>-dlq` durable. Default `palyra`. */
  readonly name?: string;
  readonly logger?: Logger;
}

/** The in-memory stand-in for a NATS server; each `connect()` is one client of it. */
export interface InProcessBroker {
  connect(options?: InProcessConnectOptions): Bus;
  /** Cancels every timer; connections stop working. */
  close(): void;
}

/** One broker plus one connection; closing the bus closes the broker (embedded mode). */
export function createInProcessBus(options: InProcessBusOptions & InProcessConnectOptions = {}): Bus {
  const broker = createInProcessBroker(options);
  const bus = broker.connect(options);
  return {
    runQueue: bus.runQueue,
    runEvents: bus.runEvents,
    control: bus.control,
    ping: () => bus.ping(),
    async close() {
      await bus.close();
      broker.close();
    },
  };
}

export function createInProcessBroker(options: InProcessBusOptions = {}): InProcessBroker {
  return new Broker(options);
}

// Same subject grammar as NATS, so ids are validated identically by both adapters.
const subjects = createSubjects('palyra');

interface Settings {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly duplicateWindowMs: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly closeDeadlineMs: number;
}

type JobState = 'waiting' | 'delivered' | 'delayed';

interface QueuedJob {
  readonly seq: number;
  readonly job: RunJob;
  readonly trace: Readonly<TraceCarrier>;
  deliveryCount: number;
  state: JobState;
  /** Identifies the current delivery; NAK and heartbeats from an older one are ignored. */
  delivery: number;
  timer: NodeJS.Timeout | undefined;
}

type Listener = (value: never, trace: Readonly<TraceCarrier>) => void;

interface LiveSubscription {
  active: boolean;
  readonly listener: Listener;
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw invalidArgument(field, `${field} must be > 0`);
  return value;
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref();
  return timer;
}

class Broker implements InProcessBroker {
  readonly settings: Settings;
  readonly logger: Logger;
  readonly jobs = new Map<number, QueuedJob>();
  /** NATS serves redeliveries before new messages; so do we. */
  readonly #redeliveries: number[] = [];
  readonly #fresh: number[] = [];
  /** run id -> dedupe expiry; insertion order is expiry order. */
  readonly #seen = new Map<string, number>();
  readonly #consumers: WorkConsumer[] = [];
  readonly #letters: DeadLetter[] = [];
  readonly #letterGroups = new Map<string, LetterGroup>();
  readonly #live = new Map<string, Set<LiveSubscription>>();
  #nextSeq = 1;
  #nextConsumer = 0;
  #pumpScheduled = false;
  closed = false;

  constructor(options: InProcessBusOptions) {
    this.settings = {
      ackWaitMs: positive(options.ackWaitMs ?? TOPOLOGY_DEFAULTS.ackWaitMs, 'ack_wait_ms'),
      maxDeliver: positive(options.maxDeliver ?? TOPOLOGY_DEFAULTS.maxDeliver, 'max_deliver'),
      duplicateWindowMs: positive(
        options.duplicateWindowMs ?? TOPOLOGY_DEFAULTS.duplicateWindowMs,
        'duplicate_window_ms',
      ),
      retryDelayMs: positive(options.retryDelayMs ?? 1_000, 'retry_delay_ms'),
      maxRetryDelayMs: positive(options.maxRetryDelayMs ?? 60_000, 'max_retry_delay_ms'),
      closeDeadlineMs: options.closeDeadlineMs ?? 10_000,
    };
    this.logger = options.logger ?? silentLogger;
  }

  connect(options: InProcessConnectOptions = {}): Bus {
    return new Connection(this, requireSubjectToken(options.name ?? 'palyra', 'name'), options.logger);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.jobs.values()) clearTimeout(entry.timer);
    for (const group of this.#letterGroups.values()) clearTimeout(group.retryTimer);
    this.#consumers.length = 0;
    this.#live.clear();
  }

  assertOpen(): void {
    if (this.closed) throw new PalyraError('UNAVAILABLE', 'bus is closed');
  }

  // Work queue

  enqueue(job: RunJob): EnqueueResult {
    this.assertOpen();
    const now = Date.now();
    for (const [runId, expiresAt] of this.#seen) {
      if (expiresAt > now) break;
      this.#seen.delete(runId);
    }
    if (this.#seen.has(job.runId)) return { duplicate: true };
    this.#seen.set(job.runId, now + this.settings.duplicateWindowMs);
    const seq = this.#nextSeq++;
    const entry: QueuedJob = {
      seq,
      job: { tenantId: job.tenantId, sessionId: job.sessionId, runId: job.runId },
      trace: injectTraceContext(),
      deliveryCount: 0,
      state: 'waiting',
      delivery: 0,
      timer: undefined,
    };
    this.jobs.set(seq, entry);
    this.#fresh.push(seq);
    this.schedulePump();
    return { duplicate: false };
  }

  addConsumer(consumer: WorkConsumer): void {
    this.#consumers.push(consumer);
    this.schedulePump();
  }

  removeConsumer(consumer: WorkConsumer): void {
    const index = this.#consumers.indexOf(consumer);
    if (index >= 0) this.#consumers.splice(index, 1);
  }

  schedulePump(): void {
    if (this.#pumpScheduled || this.closed) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    for (;;) {
      const consumer = this.#nextFreeConsumer();
      if (consumer === undefined) return;
      const entry = this.#nextWaiting();
      if (entry === undefined) return;
      this.#deliver(consumer, entry);
    }
  }

  /** Round robin over consumers with a free slot, so competing consumers share the work. */
  #nextFreeConsumer(): WorkConsumer | undefined {
    const count = this.#consumers.length;
    for (let i = 0; i < count; i += 1) {
      const index = (this.#nextConsumer + i) % count;
      const consumer = this.#consumers[index];
      if (consumer?.hasCapacity()) {
        this.#nextConsumer = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  #nextWaiting(): QueuedJob | undefined {
    for (const queue of [this.#redeliveries, this.#fresh]) {
      while (queue.length > 0) {
        const entry = this.jobs.get(queue.shift()!);
        if (entry?.state === 'waiting') return entry;
      }
    }
    return undefined;
  }

  #deliver(consumer: WorkConsumer, entry: QueuedJob): void {
    entry.deliveryCount += 1;
    entry.delivery += 1;
    entry.state = 'delivered';
    this.#armAckWait(entry);
    consumer.run(new InProcessDelivery(this, entry, entry.delivery));
  }

  #armAckWait(entry: QueuedJob): void {
    clearTimeout(entry.timer);
    const delivery = entry.delivery;
    entry.timer = unref(
      setTimeout(() => {
        if (this.isCurrent(entry, delivery)) this.#requeue(entry);
      }, this.settings.ackWaitMs),
    );
  }

  isCurrent(entry: QueuedJob, delivery: number): boolean {
    return this.jobs.get(entry.seq) === entry && entry.state === 'delivered' && entry.delivery === delivery;
  }

  /** Back in line for redelivery, unless that would exceed max deliver. */
  #requeue(entry: QueuedJob): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.deliveryCount >= this.settings.maxDeliver) {
      this.#remove(entry);
      this.#deadLetter(entry, MAX_DELIVERIES_REASON);
      return;
    }
    entry.state = 'waiting';
    this.#redeliveries.push(entry.seq);
    this.schedulePump();
  }

  #remove(entry: QueuedJob): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    this.jobs.delete(entry.seq);
  }

  /** Any outstanding delivery may ack: like JetStream, an ack names the message. */
  ack(entry: QueuedJob): void {
    if (this.jobs.get(entry.seq) === entry) this.#remove(entry);
  }

  nak(entry: QueuedJob, delivery: number, delayMs: number): void {
    if (!this.isCurrent(entry, delivery)) return;
    clearTimeout(entry.timer);
    if (delayMs <= 0) {
      this.#requeue(entry);
      return;
    }
    entry.state = 'delayed';
    entry.timer = unref(setTimeout(() => this.#requeue(entry), delayMs));
  }

  working(entry: QueuedJob, delivery: number): void {
    if (this.isCurrent(entry, delivery)) this.#armAckWait(entry);
  }

  term(entry: QueuedJob, reason: string): void {
    if (this.jobs.get(entry.seq) !== entry) return;
    this.#remove(entry);
    this.#deadLetter(entry, reason);
  }

  pending(): number {
    return this.jobs.size;
  }

  // Dead letters: a log every group reads from the start, like the DLQ stream's durables.

  #deadLetter(entry: QueuedJob, reason: string): void {
    const letter: DeadLetter = {
      job: entry.job,
      reason,
      deliveryCount: entry.deliveryCount,
      trace: entry.trace,
    };
    this.logger.warn(
      { tenantId: letter.job.tenantId, runId: letter.job.runId, deliveryCount: letter.deliveryCount, reason },
      'run dead-lettered',
    );
    this.#letters.push(letter);
    for (const group of this.#letterGroups.values()) this.#drainLetters(group);
  }

  addLetterHandler(name: string, handler: LetterHandler): void {
    let group = this.#letterGroups.get(name);
    if (group === undefined) {
      group = { cursor: 0, handlers: [], nextHandler: 0, busy: false, failures: 0, retryTimer: undefined };
      this.#letterGroups.set(name, group);
    }
    group.handlers.push(handler);
    this.#drainLetters(group);
  }

  removeLetterHandler(name: string, handler: LetterHandler): void {
    const group = this.#letterGroups.get(name);
    if (group === undefined) return;
    const index = group.handlers.indexOf(handler);
    if (index >= 0) group.handlers.splice(index, 1);
  }

  /** One letter at a time per group, in order; a throwing handler gets it again after a delay. */
  #drainLetters(group: LetterGroup): void {
    if (group.busy || group.retryTimer !== undefined || this.closed) return;
    const letter = this.#letters[group.cursor];
    const handler = group.handlers[group.nextHandler % Math.max(group.handlers.length, 1)];
    if (letter === undefined || handler === undefined) return;
    group.nextHandler += 1;
    group.busy = true;
    void (async () => {
      try {
        await handler.deliver(letter);
        group.cursor += 1;
        group.failures = 0;
      } catch (error) {
        group.failures += 1;
        this.logger.error(
          { err: error, tenantId: letter.job.tenantId, runId: letter.job.runId },
          'dead letter handler failed',
        );
        const delay = retryDelayMs(group.failures, this.settings.retryDelayMs, this.settings.maxRetryDelayMs);
        group.retryTimer = unref(
          setTimeout(() => {
            group.retryTimer = undefined;
            this.#drainLetters(group);
          }, delay),
        );
      } finally {
        group.busy = false;
        handler.inFlight = undefined;
      }
      this.#drainLetters(group);
    })();
  }

  // Live subjects (core NATS semantics: at-most-once, publish order, subscribers at publish time)

  subscribe(subject: string, listener: Listener): LiveSubscription {
    this.assertOpen();
    const subscription: LiveSubscription = { active: true, listener };
    let set = this.#live.get(subject);
    if (set === undefined) {
      set = new Set();
      this.#live.set(subject, set);
    }
    set.add(subscription);
    return subscription;
  }

  unsubscribe(subject: string, subscription: LiveSubscription): void {
    subscription.active = false;
    const set = this.#live.get(subject);
    if (set === undefined) return;
    set.delete(subscription);
    if (set.size === 0) this.#live.delete(subject);
  }

  /** Delivered on the microtask queue: after the publisher returns, in publish order, by reference. */
  publish(subject: string, value: unknown): void {
    const set = this.#live.get(subject);
    if (set === undefined || set.size === 0) return;
    const trace = injectTraceContext();
    for (const subscription of set) {
      queueMicrotask(() => {
        if (!subscription.active) return;
        try {
          (subscription.listener as (value: unknown, trace: Readonly<TraceCarrier>) => void)(value, trace);
        } catch (error) {
          this.logger.error({ err: error, subject }, 'subscriber threw');
        }
      });
    }
  }
}

interface LetterHandler {
  deliver(letter: DeadLetter): void | Promise<void>;
  inFlight: Promise<void> | undefined;
}

interface LetterGroup {
  cursor: number;
  readonly handlers: LetterHandler[];
  nextHandler: number;
  busy: boolean;
  failures: number;
  retryTimer: NodeJS.Timeout | undefined;
}

class InProcessDelivery implements RunDelivery {
  readonly job: RunJob;
  readonly deliveryCount: number;
  readonly trace: Readonly<TraceCarrier>;
  settled = false;
  readonly #broker: Broker;
  readonly #entry: QueuedJob;
  readonly #delivery: number;

  constructor(broker: Broker, entry: QueuedJob, delivery: number) {
    this.#broker = broker;
    this.#entry = entry;
    this.#delivery = delivery;
    this.job = entry.job;
    this.deliveryCount = entry.deliveryCount;
    this.trace = entry.trace;
  }

  ack(): Promise<void> {
    if (this.#settle()) this.#broker.ack(this.#entry);
    return Promise.resolve();
  }

  nak(delayMs = 0): Promise<void> {
    if (this.#settle()) this.#broker.nak(this.#entry, this.#delivery, delayMs);
    return Promise.resolve();
  }

  inProgress(): void {
    if (!this.settled) this.#broker.working(this.#entry, this.#delivery);
  }

  term(reason: string): Promise<void> {
    if (this.#settle()) this.#broker.term(this.#entry, reason);
    return Promise.resolve();
  }

  #settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    return true;
  }
}

class WorkConsumer implements ConsumerHandle {
  readonly #broker: Broker;
  readonly #handler: (delivery: RunDelivery) => Promise<void>;
  readonly #concurrency: number;
  readonly #logger: Logger;
  readonly #inFlight = new Set<Promise<void>>();
  #stopped = false;
  #stopping: Promise<void> | undefined;

  constructor(
    broker: Broker,
    handler: (delivery: RunDelivery) => Promise<void>,
    concurrency: number,
    logger: Logger,
  ) {
    this.#broker = broker;
    this.#handler = handler;
    this.#concurrency = concurrency;
    this.#logger = logger;
  }

  hasCapacity(): boolean {
    return !this.#stopped && this.#inFlight.size < this.#concurrency;
  }

  run(delivery: InProcessDelivery): void {
    const task = this.#handle(delivery).finally(() => {
      this.#inFlight.delete(task);
      this.#broker.schedulePump();
    });
    this.#inFlight.add(task);
  }

  async #handle(delivery: InProcessDelivery): Promise<void> {
    // Never run a handler inside the broker's pump.
    await Promise.resolve();
    const fields = {
      tenantId: delivery.job.tenantId,
      runId: delivery.job.runId,
      deliveryCount: delivery.deliveryCount,
    };
    try {
      await this.#handler(delivery);
    } catch (error) {
      this.#logger.error({ ...fields, err: error }, 'run handler failed');
      if (!delivery.settled) {
        const { retryDelayMs: base, maxRetryDelayMs: max } = this.#broker.settings;
        await delivery.nak(retryDelayMs(delivery.deliveryCount, base, max));
      }
      return;
    }
    if (!delivery.settled) {
      this.#logger.warn(fields, 'run handler returned without settling; redelivery after ack wait');
    }
  }

  stop(deadlineMs = 30_000): Promise<void> {
    this.#stopping ??= (async () => {
      this.#stopped = true;
      this.#broker.removeConsumer(this);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      await Promise.race([Promise.allSettled([...this.#inFlight]), deadline]);
      clearTimeout(timer);
    })();
    return this.#stopping;
  }
}

class InProcessRunQueue implements RunQueue {
  readonly #connection: Connection;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  enqueue(job: RunJob): Promise<EnqueueResult> {
    try {
      this.#connection.assertOpen();
      return Promise.resolve(this.#connection.broker.enqueue(requireRunJob(job)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  consume(handler: (delivery: RunDelivery) => Promise<void>, options: ConsumeOptions): ConsumerHandle {
    this.#connection.assertOpen();
    if (!Number.isSafeInteger(options.concurrency) || options.concurrency <= 0) {
      throw invalidArgument('concurrency', 'concurrency must be a positive integer');
    }
    const { broker } = this.#connection;
    const consumer = new WorkConsumer(broker, handler, options.concurrency, this.#connection.logger);
    broker.addConsumer(consumer);
    return this.#connection.track(consumer);
  }

  onDeadLetter(handler: (letter: DeadLetter) => void | Promise<void>): ConsumerHandle {
    this.#connection.assertOpen();
    const { broker, name } = this.#connection;
    const letterHandler: LetterHandler = {
      inFlight: undefined,
      deliver(letter) {
        const result = handler(letter);
        letterHandler.inFlight = Promise.resolve(result).then(
          () => {},
          () => {},
        );
        return result;
      },
    };
    broker.addLetterHandler(name, letterHandler);
    return this.#connection.track({
      async stop() {
        broker.removeLetterHandler(name, letterHandler);
        await letterHandler.inFlight;
      },
    });
  }

  pending(): Promise<number> {
    return Promise.resolve(this.#connection.broker.pending());
  }
}

class Connection implements Bus {
  readonly broker: Broker;
  readonly name: string;
  readonly logger: Logger;
  readonly runQueue: RunQueue;
  readonly #handles = new Set<ConsumerHandle>();
  readonly #subscriptions = new Set<() => void>();
  #closing: Promise<void> | undefined;

  constructor(broker: Broker, name: string, logger: Logger | undefined) {
    this.broker = broker;
    this.name = name;
    this.logger = logger ?? broker.logger;
    this.runQueue = new InProcessRunQueue(this);
  }

  readonly runEvents = {
    publish: (tenantId: string, runId: string, events: readonly RunEventRecord[]): void => {
      if (events.length === 0 || this.#closing !== undefined) return;
      this.broker.publish(subjects.runEvents(tenantId, runId), events);
    },
    subscribe: (
      tenantId: string,
      runId: string,
      onEvents: (events: readonly RunEventRecord[], trace: Readonly<TraceCarrier>) => void,
    ): Subscription => this.#subscribe(subjects.runEvents(tenantId, runId), onEvents),
  };

  readonly control = {
    notify: (tenantId: string, runId: string, message: ControlMessage): void => {
      if (this.#closing !== undefined) return;
      this.broker.publish(subjects.runControl(tenantId, runId), message);
    },
    listen: (
      tenantId: string,
      runId: string,
      onMessage: (message: ControlMessage, trace: Readonly<TraceCarrier>) => void,
    ): Subscription => this.#subscribe(subjects.runControl(tenantId, runId), onMessage),
  };

  #subscribe<T>(subject: string, listener: (value: T, trace: Readonly<TraceCarrier>) => void): Subscription {
    this.assertOpen();
    const subscription = this.broker.subscribe(subject, listener as Listener);
    const unsubscribe = (): void => {
      this.#subscriptions.delete(unsubscribe);
      this.broker.unsubscribe(subject, subscription);
    };
    this.#subscriptions.add(unsubscribe);
    return { ready: Promise.resolve(), unsubscribe };
  }

  assertOpen(): void {
    if (this.#closing !== undefined) throw new PalyraError('UNAVAILABLE', 'bus is closed');
    this.broker.assertOpen();
  }

  track(handle: ConsumerHandle): ConsumerHandle {
    this.#handles.add(handle);
    return {
      stop: async (deadlineMs) => {
        await handle.stop(deadlineMs);
        this.#handles.delete(handle);
      },
    };
  }

  ping(): Promise<void> {
    try {
      this.assertOpen();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const unsubscribe of [...this.#subscriptions]) unsubscribe();
      const deadline = this.broker.settings.closeDeadlineMs;
      await Promise.all([...this.#handles].map((handle) => handle.stop(deadline)));
    })();
    return this.#closing;
  }
}
