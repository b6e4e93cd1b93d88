import type { RunEvent } from '@palyra/client';

/** An event as the client received it, with `performance.now()` at arrival. */
export interface TracedEvent {
  readonly at: number;
  readonly event: RunEvent;
}

interface Waiter {
  readonly predicate: (event: RunEvent) => boolean;
  resolve(item: TracedEvent): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Every event of one run with its arrival time, and waits on the next event that matches. Fed
 * from the SDK's `onEvent`, which runs synchronously as each message is decoded, so `at` is as
 * close to the wire as a client can observe it.
 */
export class RunTrace {
  readonly #events: TracedEvent[] = [];
  readonly #waiters = new Set<Waiter>();
  #ended: string | undefined;

  get events(): readonly TracedEvent[] {
    return this.#events;
  }

  record(event: RunEvent): void {
    const item = { at: performance.now(), event };
    this.#events.push(item);
    for (const waiter of [...this.#waiters]) {
      if (!waiter.predicate(event)) continue;
      this.#settle(waiter);
      waiter.resolve(item);
    }
  }

  /** The stream is over: pending and later waits fail with `reason`. */
  end(reason: string): void {
    this.#ended = reason;
    for (const waiter of [...this.#waiters]) {
      this.#settle(waiter);
      waiter.reject(new Error(reason));
    }
  }

  /** The first event received so far or from now on that matches, within `timeoutMs`. */
  waitFor(predicate: (event: RunEvent) => boolean, timeoutMs: number, what: string): Promise<TracedEvent> {
    const seen = this.#events.find((item) => predicate(item.event));
    if (seen !== undefined) return Promise.resolve(seen);
    if (this.#ended !== undefined) return Promise.reject(new Error(`${what}: ${this.#ended}`));
    return new Promise<TracedEvent>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject: (error) => reject(new Error(`${what}: ${error.message}`)),
        timer: setTimeout(() => {
          this.#settle(waiter);
          reject(new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  #settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }
}
