import type { ServerResponse } from 'node:http';
import type { RunStreamEvent } from '@palyra/proto';
import type { CallStatus } from '../../grpc/grpc-status.js';
import { type EventSink, RunFollower } from '../../run-stream/run-follower.js';
import { type ConsoleContext, DEFAULT_SSE_HEARTBEAT_MS } from './console-context.js';
import { toRunEventJson } from './run-event-json.js';
import { sseComment, sseEvent, sseRetry, sseUnnumberedEvent } from './sse-format.js';

/** Sent once at the start: how long a browser's EventSource waits before reconnecting. */
export const SSE_RETRY_MS = 2_000;
/** Sent when following fails (the run ended without a terminal event); no id, so resuming is safe. */
export const SSE_ERROR_EVENT = 'stream_error';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // nginx buffers proxied responses unless told otherwise; events must arrive as they happen.
  'x-accel-buffering': 'no',
} as const;

/**
 * Bytes an SSE response may queue for a client before the follower pauses. Node's own threshold
 * (16 KiB) would pause after every event larger than that (tool outputs can be 256 KiB), and each
 * pause costs the follower a journal read; past this bound it pauses, and 'drain' (emitted once
 * the queue is empty) resumes it.
 */
export const SSE_WRITE_BUFFER_BYTES = 256 * 1024;

/** A RunFollower's sink writing SSE frames to the raw response; `false` from write() is backpressure. */
class SseSink implements EventSink {
  readonly #response: ServerResponse;

  constructor(response: ServerResponse) {
    this.#response = response;
  }

  write(event: RunStreamEvent): boolean {
    const json = toRunEventJson(event);
    this.#response.write(sseEvent(json.seq, json.type, JSON.stringify(json)));
    return this.#response.writableLength < SSE_WRITE_BUFFER_BYTES;
  }

  on(event: 'drain', listener: () => void): this {
    this.#response.on(event, listener);
    return this;
  }

  off(event: 'drain', listener: () => void): this {
    this.#response.off(event, listener);
    return this;
  }
}

export interface RunEventStreamTarget {
  readonly tenantId: string;
  readonly runId: string;
  /** The last seq the client has; events after it are sent. */
  readonly afterSeq: number;
  /** Called once when the stream is over, whoever ended it. */
  readonly onEnded?: () => void;
}

/**
 * One SSE response following one run, as a RunStream does (RunFollower: live feed first, then the
 * journal after the client's seq, de-duplicated by seq), so it resumes on any replica. Ends after
 * the terminal event; the client going away, or `end()` (server shutdown), stops the follower.
 */
export class RunEventStream {
  readonly #context: ConsoleContext;
  readonly #response: ServerResponse;
  readonly #follower: RunFollower;
  readonly #target: RunEventStreamTarget;
  readonly #onClose = (): void => this.#stop();
  // A socket error ends the response like a disconnect; unhandled, it would take the process down.
  readonly #onError = (): void => this.#stop();
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #onEnded: (() => void) | undefined;
  #ended = false;

  constructor(context: ConsoleContext, response: ServerResponse, target: RunEventStreamTarget) {
    this.#context = context;
    this.#response = response;
    this.#target = target;
    this.#onEnded = target.onEnded;
    const { repositories, bus, metrics, logger, follow } = context;
    this.#follower = new RunFollower(
      {
        journal: repositories.journal,
        runs: repositories.runs,
        runEvents: bus.runEvents,
        metrics,
        logger,
        settings: follow,
      },
      {
        tenantId: target.tenantId,
        runId: target.runId,
        sink: new SseSink(response),
        onTerminal: () => this.end(),
        onFailure: (status) => this.#fail(status),
      },
      target.afterSeq,
    );
  }

  /** Subscribes to the live feed; rejects (UNAVAILABLE) before anything was written. */
  subscribe(): Promise<void> {
    return this.#follower.subscribe();
  }

  /** Writes the headers and starts following. `headers` are the reply's own (e.g. rate limit). */
  start(headers: Readonly<Record<string, string | number | readonly string[] | undefined>>): void {
    const response = this.#response;
    response.on('close', this.#onClose);
    response.on('error', this.#onError);
    if (response.destroyed) {
      this.#stop();
      return;
    }
    response.writeHead(200, { ...headers, ...SSE_HEADERS });
    // Sends the headers now: a client learns it is connected before the first event.
    response.write(sseRetry(SSE_RETRY_MS));
    const heartbeatMs = this.#context.sseHeartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS;
    this.#heartbeat = setInterval(() => {
      // With data waiting to be sent, the connection is not idle: no comment needed.
      if (!response.writableNeedDrain) response.write(sseComment('heartbeat'));
    }, heartbeatMs);
    this.#heartbeat.unref();
    this.#follower.start();
  }

  /** Ends the response cleanly (after the terminal event, or at shutdown: the client resumes elsewhere). */
  end(): void {
    if (this.#ended) return;
    this.#stop();
    if (!this.#response.writableEnded) this.#response.end();
  }

  #fail(status: CallStatus): void {
    if (this.#ended) return;
    const { tenantId, runId } = this.#target;
    this.#context.logger.warn(
      { tenantId, runId, seq: this.#follower.lastSeq, details: status.details },
      'run event stream failed',
    );
    if (!this.#response.writableEnded && !this.#response.destroyed) {
      this.#response.write(sseUnnumberedEvent(SSE_ERROR_EVENT, JSON.stringify({ error: status.details })));
    }
    this.end();
  }

  #stop(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#follower.stop();
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    this.#response.off('close', this.#onClose);
    this.#onEnded?.();
  }
}
