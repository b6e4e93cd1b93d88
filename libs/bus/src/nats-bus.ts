import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type Logger, PalyraError, silentLogger } from '@palyra/core';
import { createNatsControl, createNatsRunEvents } from './nats-live.js';
import { NatsRunQueue } from './nats-run-queue.js';
import type { Bus } from './ports.js';
import { requireSubjectToken } from './subjects.js';
import { createTopology, ensureTopology, type Topology, type TopologyOptions } from './topology.js';

export interface NatsBusOptions extends TopologyOptions {
  readonly servers: string | readonly string[];
  /** Service name: the connection name and the dead-letter durable `<name>-dlq`. */
  readonly name: string;
  readonly logger?: Logger;
  /** Server-side wait of one pull request (>= 1000). Default 5000. */
  readonly pullExpiresMs?: number;
  /** First NAK delay after a handler throws; doubles per delivery. Default 1000. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** How long `close()` waits for in-flight handlers. Default 10000. */
  readonly closeDeadlineMs?: number;
  /** Interval of the sweep for max-delivered jobs whose advisory was missed. Default 60000. */
  readonly sweepIntervalMs?: number;
  /** `ping()` fails after this long without a server round trip. Default 2000. */
  readonly pingTimeoutMs?: number;
  /** Create/update streams and consumers on connect (the default). */
  readonly ensureTopology?: boolean;
}

/** A Bus on NATS, exposing the connection so other adapters in the process can share it. */
export interface NatsBus extends Bus {
  readonly connection: NatsConnection;
  readonly topology: Topology;
}

export const NATS_BUS_DEFAULTS = {
  pullExpiresMs: 5_000,
  retryDelayMs: 1_000,
  maxRetryDelayMs: 60_000,
  closeDeadlineMs: 10_000,
  sweepIntervalMs: 60_000,
  pingTimeoutMs: 2_000,
} as const;

/** Connects (reconnecting forever afterwards), ensures the topology, and returns the Bus. */
export async function connectNatsBus(options: NatsBusOptions): Promise<NatsBus> {
  const topology = createTopology(options);
  const name = requireSubjectToken(options.name, 'name');
  const logger = options.logger ?? silentLogger;
  const connection = await connect({
    servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
    name,
    maxReconnectAttempts: -1,
  });
  try {
    const manager = await jetstreamManager(connection);
    if (options.ensureTopology !== false) await ensureTopology(manager, topology);
    const runQueue = new NatsRunQueue({
      connection,
      client: jetstream(connection),
      manager,
      topology,
      service: name,
      logger,
      pullExpiresMs: options.pullExpiresMs ?? NATS_BUS_DEFAULTS.pullExpiresMs,
      retryDelayMs: options.retryDelayMs ?? NATS_BUS_DEFAULTS.retryDelayMs,
      maxRetryDelayMs: options.maxRetryDelayMs ?? NATS_BUS_DEFAULTS.maxRetryDelayMs,
      sweepIntervalMs: options.sweepIntervalMs ?? NATS_BUS_DEFAULTS.sweepIntervalMs,
    });
    const closeDeadlineMs = options.closeDeadlineMs ?? NATS_BUS_DEFAULTS.closeDeadlineMs;
    const pingTimeoutMs = options.pingTimeoutMs ?? NATS_BUS_DEFAULTS.pingTimeoutMs;
    let closing: Promise<void> | undefined;
    return {
      connection,
      topology,
      runQueue,
      runEvents: createNatsRunEvents(connection, topology.subjects, logger),
      control: createNatsControl(connection, topology.subjects, logger),
      ping: () => withTimeout(connection.flush(), pingTimeoutMs),
      close() {
        closing ??= (async () => {
          await runQueue.close(closeDeadlineMs);
          if (!connection.isClosed()) await connection.drain();
        })();
        return closing;
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

async function withTimeout(promise: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PalyraError('UNAVAILABLE', `nats did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
