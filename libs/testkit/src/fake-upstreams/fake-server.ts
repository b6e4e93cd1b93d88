import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultAnswer,
  type FakeAnswer,
  type FakeConversation,
  type FakeEmbeddings,
  type FakeErrorBody,
  type FakeStep,
  isFakeEmbeddings,
  isFakeFailure,
  isFakeHang,
} from './fake-script.js';

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

/** An API's error envelope for `status`, with that API's defaults for what `error` leaves out. */
export type FakeErrorEnvelope = (status: number, error?: FakeErrorBody) => unknown;

/** How a streamed answer ends in one API's wire format. */
export interface FakeStreamEnding {
  /** The in-stream error frame of `end: { error }`. */
  readonly errorFrame: (error: FakeErrorBody) => string;
  /** Finish reason, usage and end marker; built only when the answer gets that far. */
  readonly finishFrames: () => readonly string[];
}

/** One request/response exchange, with the helpers both wire formats write through. */
export class FakeExchange {
  readonly request: FakeRequest;
  readonly response: ServerResponse;
  readonly #clientGone: AbortController;
  readonly #errorEnvelope: FakeErrorEnvelope;
  #dropped = false;

  constructor(
    request: FakeRequest,
    response: ServerResponse,
    clientGone: AbortController,
    errorEnvelope: FakeErrorEnvelope,
  ) {
    this.request = request;
    this.response = response;
    this.#clientGone = clientGone;
    this.#errorEnvelope = errorEnvelope;
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

  /** An error answer in the API's envelope. */
  error(status: number, error: FakeErrorBody): void {
    this.json(status, this.#errorEnvelope(status, error));
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

  /**
   * Streams an answer's content frames, then ends it as the answer scripts: the finish frames,
   * a dropped connection, a hang, or an in-stream error.
   */
  async streamAnswer(answer: FakeAnswer, frames: readonly string[], ending: FakeStreamEnding): Promise<void> {
    this.startEventStream();
    const delayMs = answer.chunkDelayMs ?? 0;
    if (!(await this.sendEvents(frames, delayMs))) return;
    const end = answer.end ?? 'finish';
    if (end === 'drop') {
      this.drop();
      return;
    }
    if (end === 'hang') {
      await this.hang();
      return;
    }
    if (typeof end === 'object') {
      await this.sendEvents([ending.errorFrame(end.error)]);
      return;
    }
    await this.sendEvents(ending.finishFrames(), delayMs);
  }
}

/**
 * A route's answer to one request. Scripted failures and hangs never reach it: the server answers
 * those alike on every route.
 */
export type FakeHandler = (
  exchange: FakeExchange,
  step: FakeAnswer | FakeEmbeddings | undefined,
) => Promise<void>;

/** What a streaming route needs from its API besides the shared checks. */
export interface FakeStreamingApi {
  /** What the API calls its request, in the fake's own error messages (`chat`, `messages`). */
  readonly requestName: string;
  /** Reduces a request body to what the default answer needs. */
  readonly conversationOf: (body: Record<string, unknown>) => FakeConversation;
  /** Renders and sends the answer (through `FakeExchange.streamAnswer`). */
  readonly stream: (
    exchange: FakeExchange,
    answer: FakeAnswer,
    body: Record<string, unknown>,
  ) => Promise<void>;
}

/**
 * A streaming API's route: only `stream: true` requests are answered, with the scripted answer or,
 * once the queue is empty, the default one (see `defaultAnswer`).
 */
export function streamingRoute(api: FakeStreamingApi): FakeHandler {
  return async (exchange, step) => {
    const body = exchange.request.body as Record<string, unknown>;
    if (body.stream !== true) {
      exchange.error(400, { message: 'fake upstream: only stream: true is supported' });
      return;
    }
    if (step !== undefined && isFakeEmbeddings(step)) {
      exchange.error(500, { message: `fake upstream: an embeddings step met a ${api.requestName} request` });
      return;
    }
    await api.stream(exchange, step ?? defaultAnswer(api.conversationOf(body)), body);
  };
}

export interface FakeServerOptions {
  /** Route key `METHOD /path` -> handler. */
  readonly routes: Readonly<Record<string, FakeHandler>>;
  /** Appended to the origin in `url`, e.g. `/v1`. */
  readonly basePath: string;
  /** The API's error envelope: for scripted failures, unknown routes and bodies that are not JSON. */
  readonly errorBody: FakeErrorEnvelope;
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
      const exchange = new FakeExchange(record, response, clientGone, options.errorBody);
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
        exchange.error(404, { message: `fake upstream: no route ${record.method} ${path}` });
        return;
      }
      if (typeof body !== 'object' || body === null) {
        exchange.error(400, { message: 'fake upstream: the body must be a JSON object' });
        return;
      }
      const step = queue.shift();
      if (step !== undefined && isFakeFailure(step)) {
        exchange.json(step.status, step.body ?? options.errorBody(step.status, step.error), step.headers);
        return;
      }
      if (step !== undefined && isFakeHang(step)) {
        await exchange.hang();
      } else {
        await handler(exchange, step);
      }
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
