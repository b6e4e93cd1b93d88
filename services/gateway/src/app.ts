import type { Server } from '@grpc/grpc-js';
import type { Authenticator } from '@palyra/auth';
import type { Bus } from '@palyra/bus';
import type { Database, Repositories } from '@palyra/journal';
import type { Logger, Metrics } from '@palyra/telemetry';
import type { FastifyInstance } from 'fastify';
import { createCallerResolver } from './callers.js';
import type { GatewayServerConfig } from './config.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { createGatewayServiceHandlers, type VersionInfo } from './grpc/gateway-service.js';
import { createGrpcServer } from './grpc/grpc-server.js';
import { createJournalServiceHandlers } from './grpc/journal-service.js';
import { type CheckState, healthRoutes, type ReadinessReport } from './http/health-routes.js';
import { buildHttpApp, type HttpRoutes } from './http/http-app.js';
import { DEFAULT_FOLLOW_SETTINGS, type FollowSettings } from './run-stream/run-follower.js';
import type { RunStreamCall } from './run-stream/run-stream-call.js';

export type { VersionInfo } from './grpc/gateway-service.js';

/** The slice of the gateway's config createGateway reads (GatewayServerConfig satisfies it). */
export interface GatewaySettings {
  readonly grpc: Pick<GatewayServerConfig['grpc'], 'bindAddr' | 'port' | 'maxMessageBytes'>;
  readonly http: Pick<GatewayServerConfig['http'], 'bindAddr' | 'port'>;
  readonly stream: Pick<GatewayServerConfig['stream'], 'liveBufferEvents'> &
    Partial<Omit<FollowSettings, 'liveBufferEvents'>>;
  /** Drain: listeners stay open this long after readiness turns false. Default 0. */
  readonly shutdownDelayMs?: number;
  /** How long a readiness check waits for the database and the bus. Default 2000. */
  readonly readinessTimeoutMs?: number;
  /** How long a tenant's status is cached. Default 30 000. */
  readonly tenantCacheTtlMs?: number;
}

export interface GatewayDependencies {
  readonly repositories: Repositories;
  readonly bus: Bus;
  /** Only pinged, for /readyz. */
  readonly database: Pick<Database, 'ping'>;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly settings: GatewaySettings;
  readonly version: VersionInfo;
  /**
   * Tells the gateway when the bus transport reconnected (live messages may have been lost
   * meanwhile), so open streams read the journal at once. Returns an unsubscribe. Optional: without
   * it streams still recover through their journal poll.
   */
  readonly onBusReconnect?: (listener: () => void) => () => void;
  /** More HTTP areas (admin, console) registered on the same fastify app. */
  readonly httpRoutes?: readonly HttpRoutes[];
}

export interface ListeningPorts {
  readonly grpcPort: number;
  readonly httpPort: number;
}

export interface Gateway {
  readonly grpcServer: Server;
  /** Built, not listening until `listen()`; `inject()` works before. */
  readonly http: FastifyInstance;
  readonly draining: boolean;
  readonly openStreams: number;
  listen(): Promise<ListeningPorts>;
  /**
   * SIGTERM: readiness false and health NOT_SERVING, new RunStreams refused, every open stream
   * told where to resume and ended with UNAVAILABLE, in-flight unary calls finished; connections
   * are cut at the deadline. HTTP keeps answering (503 on /readyz) until `close()`.
   */
  drain(deadlineMs: number): Promise<void>;
  /** Stops both servers. The caller closes the bus and the database afterwards. */
  close(): Promise<void>;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

async function check(probe: () => Promise<void>, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), timeoutMs);
  });
  try {
    return await Promise.race([probe().then((): CheckState => 'ok'), timeout]);
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Builds the gateway from its dependencies: no environment reading and no driver knowledge
 * (Postgres or PGlite, NATS or in-process are the caller's choice).
 */
export function createGateway(deps: GatewayDependencies): Gateway {
  const { settings, logger } = deps;
  const metrics = createGatewayMetrics(deps.metrics);
  const callers = createCallerResolver({
    authenticator: deps.authenticator,
    tenants: deps.repositories.tenants,
    ...(settings.tenantCacheTtlMs === undefined ? {} : { tenantCacheTtlMs: settings.tenantCacheTtlMs }),
  });
  const streams = new Set<RunStreamCall>();
  const follow: FollowSettings = { ...DEFAULT_FOLLOW_SETTINGS, ...settings.stream };
  let draining = false;
  let drainDone: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const grpcLogger = logger.child({ component: 'grpc' });

  const context = {
    repositories: deps.repositories,
    bus: deps.bus,
    callers,
    metrics,
    logger: grpcLogger,
    follow,
    streams,
    isDraining: () => draining,
    versionInfo: deps.version,
    startedAtMs: Date.now(),
  };
  const grpc = createGrpcServer(
    { maxMessageBytes: settings.grpc.maxMessageBytes },
    { gateway: createGatewayServiceHandlers(context), journal: createJournalServiceHandlers(context) },
  );

  const readinessTimeoutMs = settings.readinessTimeoutMs ?? 2_000;
  const readReadiness = async (): Promise<ReadinessReport> => {
    const [database, bus] = await Promise.all([
      check(() => deps.database.ping(), readinessTimeoutMs),
      check(() => deps.bus.ping(), readinessTimeoutMs),
    ]);
    const checks = { database, bus, draining };
    if (draining) return { ready: false, reason: 'draining', checks };
    if (database !== 'ok') return { ready: false, reason: 'database unreachable', checks };
    if (bus !== 'ok') return { ready: false, reason: 'bus unreachable', checks };
    return { ready: true, checks };
  };
  const http = buildHttpApp({
    logger: logger.child({ component: 'http' }),
    routes: [healthRoutes({ readReadiness, metrics: deps.metrics }), ...(deps.httpRoutes ?? [])],
  });

  const stopReconnectListener = deps.onBusReconnect?.(() => {
    logger.info({ streams: streams.size }, 'bus reconnected; open streams catch up from the journal');
    for (const stream of streams) stream.catchUp();
  });

  const closing = new AbortController();
  const drain = (deadlineMs: number): Promise<void> => {
    drainDone ??= (async () => {
      const deadlineAt = Date.now() + deadlineMs;
      draining = true;
      grpc.setServing(false);
      logger.info({ streams: streams.size, deadlineMs }, 'gateway draining');
      const open = [...streams];
      for (const stream of open) stream.drain();
      // Balancers learn from /readyz and grpc.health.v1; until then new RunStreams are refused.
      await delay(Math.min(settings.shutdownDelayMs ?? 0, deadlineMs), closing.signal);
      const shutdown = new Promise<'drained'>((resolve) => {
        grpc.server.tryShutdown(() => resolve('drained'));
      });
      // Admissions already under way finish (durable steps a client may resume from).
      const finished = Promise.all([shutdown, Promise.allSettled(open.map((stream) => stream.settled))]);
      const outcome = await Promise.race([
        finished.then(() => 'drained' as const),
        delay(Math.max(deadlineAt - Date.now(), 0), closing.signal).then(() => 'deadline' as const),
      ]);
      if (outcome === 'deadline') {
        logger.warn({ deadlineMs }, 'drain deadline reached; cutting connections');
        grpc.server.forceShutdown();
      }
      logger.info('gateway drained');
    })();
    return drainDone;
  };

  return {
    grpcServer: grpc.server,
    http,
    get draining() {
      return draining;
    },
    get openStreams() {
      return streams.size;
    },
    async listen() {
      const grpcPort = await grpc.bind(hostPort(settings.grpc.bindAddr, settings.grpc.port));
      await http.listen({ host: settings.http.bindAddr, port: settings.http.port });
      const address = http.server.address();
      const httpPort = typeof address === 'object' && address !== null ? address.port : settings.http.port;
      return { grpcPort, httpPort };
    },
    drain,
    close() {
      closed ??= (async () => {
        draining = true;
        closing.abort();
        stopReconnectListener?.();
        for (const stream of [...streams]) stream.drain();
        grpc.server.forceShutdown();
        await http.close();
        callers.clear();
      })();
      return closed;
    },
  };
}
