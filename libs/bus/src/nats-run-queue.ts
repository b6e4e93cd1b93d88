import {
  type Consumer,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '@palyra/core';
import { invalidArgument, isPalyraError, PalyraError } from '@palyra/core';
import type { TraceCarrier } from '@palyra/telemetry';
import {
  decodeDeadLetter,
  decodeJson,
  decodeRunJob,
  encodeDeadLetter,
  encodeRunJob,
  MAX_DELIVERIES_REASON,
  requireRunJob,
  retryDelayMs,
} from './codec.js';
import { PullWorker } from './nats-pull-worker.js';
import { copyTrace, readTrace, traceHeaders } from './nats-trace-headers.js';
import type {
  ConsumeOptions,
  ConsumerHandle,
  DeadLetter,
  EnqueueResult,
  RunDelivery,
  RunJob,
  RunQueue,
} from './ports.js';
import { deadLetterConsumer, ensureConsumer, ensureTopology, type Topology } from './topology.js';

export interface NatsRunQueueOptions {
  readonly connection: NatsConnection;
  readonly client: JetStreamClient;
  readonly manager: JetStreamManager;
  readonly topology: Topology;
  /** Service name: the dead-letter durable is `<service>-dlq`. */
  readonly service: string;
  readonly logger: Logger;
  readonly pullExpiresMs: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  /** How often to look for max-delivered jobs whose advisory nobody handled. */
  readonly sweepIntervalMs: number;
}

// Orphans are rare; a bounded scan per sweep keeps one pass cheap on a long queue.
const SWEEP_SCAN_LIMIT = 256;

function isMissingResource(error: unknown): boolean {
  if (!(error instanceof JetStreamApiError)) return false;
  return error.code === JetStreamApiCodes.StreamNotFound || error.code === JetStreamApiCodes.ConsumerNotFound;
}

/**
 * RunQueue over JetStream: RUNS is a work-queue stream with one durable pull consumer shared by
 * every replica. Dead letters: `term` publishes to the DLQ itself; jobs that exhaust max deliver
 * stay in the work queue (JetStream only emits an advisory), so every consuming replica listens
 * for that advisory, copies the job to the DLQ (Nats-Msg-Id `dlq:<run_id>` makes concurrent
 * copies one) and deletes it from RUNS. A periodic sweep catches advisories lost while no
 * listener was connected.
 */
export class NatsRunQueue implements RunQueue {
  readonly #options: NatsRunQueueOptions;
  readonly #handles = new Set<ConsumerHandle>();
  readonly #routing = new Set<Promise<void>>();
  #advisories: Subscription | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #runsConsumerEnsured = false;

  constructor(options: NatsRunQueueOptions) {
    this.#options = options;
  }

  async enqueue(job: RunJob): Promise<EnqueueResult> {
    requireRunJob(job);
    const { client, topology } = this.#options;
    const ack = await client.publish(topology.subjects.runs(job.tenantId), encodeRunJob(job), {
      msgID: job.runId,
      ...withHeaders(traceHeaders()),
    });
    return { duplicate: ack.duplicate };
  }

  consume(handler: (delivery: RunDelivery) => Promise<void>, options: ConsumeOptions): ConsumerHandle {
    this.#assertOpen();
    const concurrency = requireConcurrency(options.concurrency);
    this.#startDeadLetterRouting();
    const { topology, logger } = this.#options;
    const stream = topology.consumers.runs.stream;
    const durable = topology.consumers.runs.config.durable_name;
    const worker = new PullWorker({
      what: durable,
      concurrency,
      pullExpiresMs: this.#options.pullExpiresMs,
      logger,
      open: (previousError) => this.#openConsumer(stream, durable, previousError),
      handle: (message) => this.#handleRun(message, handler),
    });
    return this.#track(worker);
  }

  onDeadLetter(handler: (letter: DeadLetter) => void | Promise<void>): ConsumerHandle {
    this.#assertOpen();
    const spec = deadLetterConsumer(this.#options.topology, this.#options.service);
    let ensured = false;
    const worker = new PullWorker({
      what: spec.config.durable_name,
      // One at a time, in order: dead letters are rare and handlers tend to write state.
      concurrency: 1,
      pullExpiresMs: this.#options.pullExpiresMs,
      logger: this.#options.logger,
      open: async (previousError) => {
        if (!ensured || isMissingResource(previousError)) {
          await ensureConsumer(this.#options.manager, spec);
          ensured = true;
        }
        return this.#options.client.consumers.get(spec.stream, spec.config.durable_name);
      },
      handle: (message) => this.#handleDeadLetter(message, handler),
    });
    return this.#track(worker);
  }

  /** Jobs not yet acked: in a work-queue stream that is exactly the stream's message count. */
  async pending(): Promise<number> {
    const { manager, topology } = this.#options;
    const info = await manager.streams.info(topology.consumers.runs.stream);
    return info.state.messages;
  }

  /** Stops every consumer (waiting for in-flight handlers up to the deadline) and routing. */
  async close(deadlineMs: number): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    this.#advisories?.unsubscribe();
    await Promise.all([...this.#handles].map((handle) => handle.stop(deadlineMs)));
    await Promise.allSettled([...this.#routing]);
  }

  #assertOpen(): void {
    if (this.#closed) throw new PalyraError('UNAVAILABLE', 'bus is closed');
  }

  #track(worker: PullWorker): ConsumerHandle {
    this.#handles.add(worker);
    return {
      stop: async (deadlineMs) => {
        await worker.stop(deadlineMs);
        this.#handles.delete(worker);
      },
    };
  }

  /** The consumer is ensured by the consuming process on first open, and again if it disappears. */
  async #openConsumer(stream: string, durable: string, previousError: unknown): Promise<Consumer> {
    if (!this.#runsConsumerEnsured || isMissingResource(previousError)) {
      if (previousError !== undefined) {
        this.#options.logger.warn({ stream, consumer: durable }, 'consumer missing, ensuring topology');
      }
      await ensureTopology(this.#options.manager, this.#options.topology, [
        this.#options.topology.consumers.runs,
      ]);
      this.#runsConsumerEnsured = true;
    }
    return this.#options.client.consumers.get(stream, durable);
  }

  async #handleRun(message: JsMsg, handler: (delivery: RunDelivery) => Promise<void>): Promise<void> {
    const { logger } = this.#options;
    let job: RunJob;
    try {
      job = decodeRunJob(message.data);
    } catch (error) {
      // Nothing to dead-letter without a job; drop it loudly rather than redeliver it forever.
      logger.error({ err: error, seq: message.seq, subject: message.subject }, 'malformed run job dropped');
      message.term('malformed run job');
      return;
    }
    const delivery = new NatsRunDelivery(message, job, readTrace(message.headers), (letter) =>
      this.#publishDeadLetter(letter),
    );
    const fields = { tenantId: job.tenantId, runId: job.runId, deliveryCount: delivery.deliveryCount };
    try {
      await handler(delivery);
    } catch (error) {
      logger.error({ ...fields, err: error }, 'run handler failed');
      if (!delivery.settled) {
        const { retryDelayMs: base, maxRetryDelayMs: max } = this.#options;
        await delivery.nak(retryDelayMs(delivery.deliveryCount, base, max));
      }
      return;
    }
    if (!delivery.settled)
      logger.warn(fields, 'run handler returned without settling; redelivery after ack wait');
  }

  async #handleDeadLetter(
    message: JsMsg,
    handler: (letter: DeadLetter) => void | Promise<void>,
  ): Promise<void> {
    let letter: DeadLetter;
    try {
      letter = decodeDeadLetter(message.data, readTrace(message.headers));
    } catch (error) {
      this.#options.logger.error({ err: error, seq: message.seq }, 'malformed dead letter dropped');
      message.term('malformed dead letter');
      return;
    }
    try {
      await handler(letter);
    } catch (error) {
      this.#options.logger.error(
        { err: error, tenantId: letter.job.tenantId, runId: letter.job.runId },
        'dead letter handler failed',
      );
      const { retryDelayMs: base, maxRetryDelayMs: max } = this.#options;
      message.nak(retryDelayMs(message.info.deliveryCount, base, max));
      return;
    }
    await message.ackAck();
  }

  async #publishDeadLetter(letter: DeadLetter): Promise<void> {
    const { client, topology } = this.#options;
    await client.publish(topology.subjects.runsDeadLetter(letter.job.tenantId), encodeDeadLetter(letter), {
      msgID: `dlq:${letter.job.runId}`,
      ...withHeaders(copyTrace(letter.trace)),
    });
  }

  #startDeadLetterRouting(): void {
    if (this.#advisories !== undefined) return;
    const { connection, topology, logger, sweepIntervalMs } = this.#options;
    const { stream, config } = topology.consumers.runs;
    const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${config.durable_name}`;
    this.#advisories = connection.subscribe(subject, {
      callback: (error, message) => {
        if (error) {
          logger.error({ err: error, subject }, 'max deliveries advisory subscription failed');
          return;
        }
        this.#route(this.#routeAdvisory(message));
      },
    });
    this.#route(this.#sweep());
    this.#sweepTimer = setInterval(() => this.#route(this.#sweep()), sweepIntervalMs);
    this.#sweepTimer.unref();
  }

  #route(task: Promise<void>): void {
    const tracked = task
      .catch((error: unknown) => {
        this.#options.logger.error({ err: error }, 'dead letter routing failed');
      })
      .finally(() => this.#routing.delete(tracked));
    this.#routing.add(tracked);
  }

  async #routeAdvisory(message: Msg): Promise<void> {
    const advisory = decodeJson(message.data) as { stream_seq?: unknown; deliveries?: unknown };
    if (typeof advisory.stream_seq !== 'number') return;
    const deliveries =
      typeof advisory.deliveries === 'number' ? advisory.deliveries : this.#options.topology.maxDeliver;
    await this.#moveToDeadLetter(advisory.stream_seq, deliveries);
  }

  /**
   * Everything at or below the consumer's ack floor is acked or given up on; in a work queue
   * the acked ones are gone, so whatever is left there exhausted max deliver.
   */
  async #sweep(): Promise<void> {
    const { manager, topology } = this.#options;
    const { stream, config } = topology.consumers.runs;
    let streamInfo: Awaited<ReturnType<typeof manager.streams.info>>;
    let consumerInfo: Awaited<ReturnType<typeof manager.consumers.info>>;
    try {
      [streamInfo, consumerInfo] = await Promise.all([
        manager.streams.info(stream),
        manager.consumers.info(stream, config.durable_name),
      ]);
    } catch (error) {
      // The first sweep can run before `consume()` has ensured the consumer: nothing to sweep yet.
      if (isMissingResource(error)) return;
      throw error;
    }
    if (streamInfo.state.messages === 0) return;
    const first = streamInfo.state.first_seq;
    const last = Math.min(consumerInfo.ack_floor.stream_seq, first + SWEEP_SCAN_LIMIT - 1);
    for (let seq = first; seq <= last; seq += 1) await this.#moveToDeadLetter(seq, topology.maxDeliver);
  }

  async #moveToDeadLetter(seq: number, deliveries: number): Promise<void> {
    const { manager, topology, logger } = this.#options;
    const stream = topology.streams.runs.name;
    const stored = await manager.streams.getMessage(stream, { seq });
    if (stored === null) return; // another replica moved it already
    let job: RunJob | undefined;
    try {
      job = decodeRunJob(stored.data);
    } catch (error) {
      logger.error({ err: error, seq }, 'malformed run job dropped');
    }
    if (job !== undefined) {
      await this.#publishDeadLetter({
        job,
        reason: MAX_DELIVERIES_REASON,
        deliveryCount: deliveries,
        trace: readTrace(stored.header),
      });
      logger.warn(
        { tenantId: job.tenantId, runId: job.runId, deliveryCount: deliveries },
        'run dead-lettered',
      );
    }
    try {
      await manager.streams.deleteMessage(stream, seq, false);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound))
        throw error;
    }
  }
}

class NatsRunDelivery implements RunDelivery {
  readonly job: RunJob;
  readonly trace: Readonly<TraceCarrier>;
  settled = false;
  readonly #message: JsMsg;
  readonly #deadLetter: (letter: DeadLetter) => Promise<void>;

  constructor(
    message: JsMsg,
    job: RunJob,
    trace: Readonly<TraceCarrier>,
    deadLetter: (letter: DeadLetter) => Promise<void>,
  ) {
    this.#message = message;
    this.job = job;
    this.trace = trace;
    this.#deadLetter = deadLetter;
  }

  get deliveryCount(): number {
    return this.#message.info.deliveryCount;
  }

  async ack(): Promise<void> {
    if (!this.#settle()) return;
    try {
      await this.#message.ackAck();
    } catch (error) {
      // The server may still have it: the job is then redelivered, which runs tolerate.
      throw new PalyraError('UNAVAILABLE', 'ack not confirmed', { cause: error });
    }
  }

  nak(delayMs = 0): Promise<void> {
    if (this.#settle()) this.#message.nak(delayMs > 0 ? delayMs : undefined);
    return Promise.resolve();
  }

  inProgress(): void {
    if (!this.settled) this.#message.working();
  }

  async term(reason: string): Promise<void> {
    if (!this.#settle()) return;
    try {
      await this.#deadLetter({ job: this.job, reason, deliveryCount: this.deliveryCount, trace: this.trace });
    } catch (error) {
      // Not terminated: the caller's error path (or the ack wait) retries the job.
      this.settled = false;
      throw isPalyraError(error)
        ? error
        : new PalyraError('UNAVAILABLE', 'dead letter not published', { cause: error });
    }
    // Plain +TERM: NATS 2.9 ignores `+TERM <reason>` (reasons arrived in 2.10); the DLQ record
    // carries the reason instead.
    this.#message.term();
  }

  #settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    return true;
  }
}

function requireConcurrency(value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw invalidArgument('concurrency', 'concurrency must be a positive integer');
  }
  return value;
}

function withHeaders(headers: ReturnType<typeof traceHeaders>): { headers?: NonNullable<typeof headers> } {
  return headers === undefined ? {} : { headers };
}
