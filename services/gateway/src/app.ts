import type { Server } from '@grpc/grpc-js';
import type { Authenticator } from '@palyra/auth';
import type { Bus } from '@palyra/bus';
import type { Database, Repositories } from '@palyra/journal';
import type { Logger, Metrics } from '@palyra/telemetry';
import type { FastifyInstance } from 'fastify';
import { createApprovalOperations } from './approvals/approval-operations.js';
import { createCallerResolver } from './callers.js';
import type { GatewayServerConfig } from './config.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { createApprovalsServiceHandlers } from './grpc/approvals-service.js';
import { createGatewayServiceHandlers, type VersionInfo } from './grpc/gateway-service.js';
import { createGrpcServer } from './grpc/grpc-server.js';
import { createJournalServiceHandlers } from './grpc/journal-service.js';
import { adminRoutes } from './http/admin/admin-routes.js';
import { consoleRoutes } from './http/console/console-routes.js';
import { type CheckState, healthRoutes, type ReadinessReport } from './http/health-routes.js';
import { buildHttpApp, type HttpApp, type HttpRoutes } from './http/http-app.js';
import { buildMetricsApp } from './http/metrics-server.js';
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
  /** Trusted proxies and shared rate limits of the HTTP API. Absent: no proxy trusted, no limits. */
  readonly httpApi?: GatewayServerConfig['httpApi'];
  /** A separate /metrics listener (on `http.bindAddr`); absent: /metrics on the HTTP port. */
  readonly metricsServer?: GatewayServerConfig['metricsServer'];
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
  /** The separate /metrics listener's port, when PALYRA_METRICS_PORT is set. */
  readonly metricsPort?: number;
}

export interface Gateway {
  readonly grpcServer: Server;
  /** Built, not listening until `listen()`; `inject()` works before. */
  readonly http: HttpApp;
  /** The separate /metrics listener when `settings.metricsServer.port` is set. */
  readonly metricsHttp: FastifyInstance | undefined;
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

/** Listens and returns the actual port (the ephemeral one when 0 was asked). */
async function listenHttp(app: FastifyInstance | HttpApp, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : port;
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

  const approvalOperations = createApprovalOperations({
    approvals: deps.repositories.approvals,
    runs: deps.repositories.runs,
    control: deps.bus.control,
  });
  const context = {
    repositories: deps.repositories,
    bus: deps.bus,
    approvalOperations,
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
    {
      gateway: createGatewayServiceHandlers(context),
      approvals: createApprovalsServiceHandlers(context),
      journal: createJournalServiceHandlers(context),
    },
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
  const pendingRuns = async (): Promise<number | null> => {
    let pending: number | null = null;
    const state = await check(async () => {
      pending = await deps.bus.runQueue.pending();
    }, readinessTimeoutMs);
    return state === 'ok' ? pending : null;
  };
  const httpLogger = logger.child({ component: 'http' });
  const metricsServer =
    settings.metricsServer?.port === undefined ? undefined : buildMetricsApp(deps.metrics, httpLogger);
  const httpApi = settings.httpApi;
  const admin = adminRoutes({
    repositories: deps.repositories,
    control: deps.bus.control,
    status: {
      version: deps.version,
      startedAtMs: context.startedAtMs,
      metrics: deps.metrics,
      openStreams: () => streams.size,
      readReadiness,
      pendingRuns,
    },
    // Cheap: the cache refills on the next call of each tenant; suspensions are rare.
    onTenantStatusChanged: () => callers.clear(),
  });
  const http = buildHttpApp({
    logger: httpLogger,
    routes: [
      healthRoutes({ readReadiness, metrics: deps.metrics, serveMetrics: metricsServer === undefined }),
      admin,
      consoleRoutes({ ...context, logger: httpLogger }),
      ...(deps.httpRoutes ?? []),
    ],
    auth: { callers, operators: deps.authenticator },
    ...(httpApi === undefined
      ? {}
      : {
          trustProxy: httpApi.trustProxy,
          rateLimits: {
            store: deps.repositories.rateLimits,
            perTenantPerMinute: httpApi.rateLimitPerTenantPerMinute,
            perIpPerMinute: httpApi.rateLimitPerIpPerMinute,
          },
        }),
    openApi: { title: 'Palyra gateway HTTP API', version: deps.version.version },
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
    metricsHttp: metricsServer,
    get draining() {
      return draining;
    },
    get openStreams() {
      return streams.size;
    },
    async listen() {
      const grpcPort = await grpc.bind(hostPort(settings.grpc.bindAddr, settings.grpc.port));
      const httpPort = await listenHttp(http, settings.http.bindAddr, settings.http.port);
      const metricsPort = settings.metricsServer?.port;
      if (metricsServer === undefined || metricsPort === undefined) return { grpcPort, httpPort };
      return {
        grpcPort,
        httpPort,
        metricsPort: await listenHttp(metricsServer, settings.http.bindAddr, metricsPort),
      };
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
        await metricsServer?.close();
        callers.clear();
      })();
      return closed;
    },
  };
}
