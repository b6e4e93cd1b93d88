import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from '@palyra/core';
import { retryDelayMs } from './codec.js';
import type { ConsumerHandle } from './ports.js';

export interface PullWorkerOptions {
  /** Resolves the consumer to pull from (and recreates the topology if it went missing). */
  readonly open: (previousError: unknown) => Promise<Consumer>;
  /** Handles one message; must settle it. Errors thrown here are logged, never propagated. */
  readonly handle: (message: JsMsg) => Promise<void>;
  readonly concurrency: number;
  /** How long one pull request waits on the server for messages. Minimum 1000. */
  readonly pullExpiresMs: number;
  readonly logger: Logger;
  readonly what: string;
}

/**
 * Pulls with `fetch` sized to the free slots, so at most `concurrency` messages are ever held
 * by this process: messages buffered ahead in a client would burn their ack wait unprocessed.
 */
export class PullWorker implements ConsumerHandle {
  readonly #options: PullWorkerOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #loop: Promise<void>;
  #stopping = false;
  #wake: (() => void) | undefined;
  #batch: ConsumerMessages | undefined;
  #stopped: Promise<void> | undefined;

  constructor(options: PullWorkerOptions) {
    this.#options = options;
    this.#loop = this.#run();
  }

  stop(deadlineMs = 30_000): Promise<void> {
    this.#stopped ??= this.#stop(deadlineMs);
    return this.#stopped;
  }

  async #stop(deadlineMs: number): Promise<void> {
    this.#stopping = true;
    this.#wakeUp();
    // Closing unsubscribes the pull inbox; the server drops pull requests nobody listens to,
    // so nothing new is sent here. Messages already received are NAKed by the loop. (`close()`
    // resolves only once the iterator is drained, which is the loop's job: never await it here.)
    void this.#batch?.close();
    await this.#loop;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([Promise.allSettled([...this.#inFlight]), deadline]);
    clearTimeout(timer);
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Resolves on the next slot release, stop, or after `ms` (if given). */
  #sleep(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.#wakeUp(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async #run(): Promise<void> {
    const { concurrency, pullExpiresMs, logger, what } = this.#options;
    let consumer: Consumer | undefined;
    let failures = 0;
    let lastError: unknown;
    while (!this.#stopping) {
      const free = concurrency - this.#inFlight.size;
      if (free <= 0) {
        await this.#sleep();
        continue;
      }
      try {
        consumer ??= await this.#options.open(lastError);
        const batch = await consumer.fetch({ max_messages: free, expires: pullExpiresMs });
        this.#batch = batch;
        if (this.#stopping) void batch.close();
        for await (const message of batch) {
          if (this.#stopping) message.nak();
          else this.#dispatch(message);
        }
        failures = 0;
        lastError = undefined;
      } catch (error) {
        if (this.#stopping) break;
        failures += 1;
        lastError = error;
        consumer = undefined;
        logger.warn({ err: error, consumer: what, failures }, 'pull failed, retrying');
        await this.#sleep(retryDelayMs(failures, 250, 10_000));
      } finally {
        this.#batch = undefined;
      }
    }
  }

  #dispatch(message: JsMsg): void {
    const task = this.#options
      .handle(message)
      .catch((error: unknown) => {
        this.#options.logger.error({ err: error, consumer: this.#options.what }, 'message handler failed');
      })
      .finally(() => {
        this.#inFlight.delete(task);
        this.#wakeUp();
      });
    this.#inFlight.add(task);
  }
}
