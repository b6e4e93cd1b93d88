import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeStep } from './fake-script.js';

export const FAKE_REQUEST_OUTCOMES = ['pending', 'completed', 'client_closed', 'dropped'] as const;
/**
 * How an exchange ended: the fake finished its answer, the client closed the connection first
 * (an abort), or the fake dropped it on purpose (`end: 'drop'`).
 */
export type FakeRequestOutcome = (typeof FAKE_REQUEST_OUTCOMES)[number];

/** One request as the fake received it. */
export interface FakeRequest {
  readonly method: string;
  /** Path without the query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Lower-case names, as node:http gives them. */
  readonly headers: IncomingHttpHeaders;
  /**
   * The JSON body (the raw text when it was not JSON). Loosely typed on purpose: tests read wire
   * payloads of two APIs, e.g. `request.body.tools[0].function.name`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: wire payloads of two foreign APIs, inspected by tests
  readonly body: any;
  readonly outcome: FakeRequestOutcome;
  /** Resolves with the final outcome once the exchange is over. */
  readonly closed: Promise<Exclude<FakeRequestOutcome, 'pending'>>;
}

/** The shared scripting surface of the fake upstreams. */
export interface FakeUpstream {
  /** Base URL to configure the client with. */
  readonly url: string;
  /** Every request received so far, oldest first. */
  readonly requests: readonly FakeRequest[];
  /** Steps not yet used. */
  readonly queued: number;
  /** Answers the next requests, in order; once the queue is empty, the default answer is used. */
  enqueue(...steps: FakeStep[]): void;
  /** Resolves once `count` requests have arrived (in total); rejects after `timeoutMs` (10 000). */
  waitForRequests(count: number, options?: { readonly timeoutMs?: number }): Promise<readonly FakeRequest[]>;
  /** Closes every open connection and the server. */
  close(): Promise<void>;
}

/** One request/response exchange, with the helpers both wire formats write through. */
export class FakeExchange {
  readonly request: FakeRequest;
  readonly response: ServerResponse;
  readonly #clientGone: AbortController;
  #dropped = false;

  constructor(request: FakeRequest, response: ServerResponse, clientGone: AbortController) {
    this.request = request;
    this.response = response;
    this.#clientGone = clientGone;
  }

  /** Aborted when the client closed the connection before the answer was complete. */
  get clientGone(): AbortSignal {
    return this.#clientGone.signal;
  }

  get dropped(): boolean {
    return this.#dropped;
  }

  json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    const text = JSON.stringify(body);
    this.response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    this.response.end(text);
  }

  startEventStream(): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.response.flushHeaders();
  }

  /** Writes SSE frames, pausing `delayMs` before each; stops early when the client is gone. */
  async sendEvents(frames: readonly string[], delayMs = 0): Promise<boolean> {
    for (const frame of frames) {
      if (delayMs > 0) await this.pause(delayMs);
      if (this.clientGone.aborted || this.response.destroyed) return false;
      this.response.write(frame);
    }
    return !this.clientGone.aborted;
  }

  /** Waits `ms`, or less when the client goes away. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.clientGone;
      if (signal.aborted) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Resolves when the client closes the connection (the fake never answers further). */
  hang(): Promise<void> {
    return this.pause(2_147_483_647);
  }

  /**
   * Closes the connection mid-answer, as a crashing server does: what was written arrives, then
   * the socket ends without the end of the chunked body, which clients see as a broken stream.
   */
  drop(): void {
    this.#dropped = true;
    this.response.socket?.end();
  }

  end(): void {
    if (!this.response.writableEnded) this.response.end();
  }
}

export type FakeHandler = (exchange: FakeExchange, step: FakeStep | undefined) => Promise<void>;

export interface FakeServerOptions {
  /** Route key `METHOD /path` -> handler. */
  readonly routes: Readonly<Record<string, FakeHandler>>;
  /** Appended to the origin in `url`, e.g. `/v1`. */
  readonly basePath: string;
  /** The error body for an unknown route or a body that is not JSON. */
  readonly errorBody: (status: number, message: string) => unknown;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A real HTTP server on 127.0.0.1 with an ephemeral port, a step queue and a request log. */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeUpstream> {
  const requests: FakeRequest[] = [];
  const queue: FakeStep[] = [];
  const waiters = new Set<() => void>();

  const server = createServer((incoming, response) => {
    void (async () => {
      const body = await readBody(incoming);
      const path = (incoming.url ?? '/').split('?')[0] ?? '/';
      let outcome: FakeRequestOutcome = 'pending';
      let settle: (value: Exclude<FakeRequestOutcome, 'pending'>) => void = () => {};
      const closed = new Promise<Exclude<FakeRequestOutcome, 'pending'>>((resolve) => {
        settle = resolve;
      });
      const record: FakeRequest = {
        method: incoming.method ?? 'GET',
        path,
        headers: incoming.headers,
        body,
        get outcome() {
          return outcome;
        },
        closed,
      };
      const clientGone = new AbortController();
      const exchange = new FakeExchange(record, response, clientGone);
      response.on('close', () => {
        if (exchange.dropped) outcome = 'dropped';
        else if (response.writableFinished) outcome = 'completed';
        else {
          outcome = 'client_closed';
          clientGone.abort();
        }
        settle(outcome);
      });
      requests.push(record);
      for (const wake of waiters) wake();

      const handler = options.routes[`${record.method} ${path}`];
      if (handler === undefined) {
        exchange.json(404, options.errorBody(404, `fake upstream: no route ${record.method} ${path}`));
        return;
      }
      if (typeof body !== 'object' || body === null) {
        exchange.json(400, options.errorBody(400, 'fake upstream: the body must be a JSON object'));
        return;
      }
      await handler(exchange, queue.shift());
      exchange.end();
    })().catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`fake upstream failed: ${String(error)}`);
      } else {
        response.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${options.basePath}`,
    get requests() {
      return requests;
    },
    get queued() {
      return queue.length;
    },
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    waitForRequests: (count, { timeoutMs = 10_000 } = {}) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (requests.length < count) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(requests.slice());
          return true;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`fake upstream: ${requests.length} of ${count} requests after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
