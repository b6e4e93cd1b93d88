import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiKeyVerifier, createAuthenticator } from '@palyra/auth';
import { type Bus, connectNatsBus, createInProcessBus } from '@palyra/bus';
import { DEFAULT_TENANT_ID, isPalyraError, PalyraError } from '@palyra/core';
import {
  createGateway,
  type Gateway,
  toAuthConfig,
  type VersionInfo,
  watchReconnects,
} from '@palyra/gateway';
import {
  assertSchemaCurrent,
  connectPostgres,
  createRepositories,
  type Database,
  migrate,
  openPglite,
} from '@palyra/journal';
import { createAgentRuntime, createOrchestrator, settingsFromConfig } from '@palyra/orchestrator';
import { createMetrics, type Logger, type Metrics } from '@palyra/telemetry';
import { type AdminTokenSource, resolveAdminToken } from './admin-token.js';
import type { PalyradConfig } from './config.js';
import { requeueUnfinishedRuns } from './requeue-unfinished-runs.js';
import { acquireStateLock, type StateLock } from './state-lock.js';

/** Directory of the embedded database under the state root. */
export const PGLITE_DIRECTORY = 'pglite';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];
export const BUS_KINDS = ['in-process', 'nats'] as const;
export type BusKind = (typeof BUS_KINDS)[number];

export interface StartPalyradOptions {
  readonly logger: Logger;
  /** The one registry of the process (gateway and orchestrator metrics); default a new one. */
  readonly metrics?: Metrics;
  /** Where a relative PALYRA_STATE_ROOT starts. Default `process.cwd()`. */
  readonly workingDirectory?: string;
  /** Reported by GetHealth. Default: this package's version, `PALYRA_GIT_HASH`, dev or release. */
  readonly version?: VersionInfo;
}

export interface Palyrad {
  /** Where the gRPC server listens, `host:port` (the actual port when 0 was asked). */
  readonly grpcAddress: string;
  /** Base URL of /healthz, /readyz and /metrics, `http://host:port`. */
  readonly httpAddress: string;
  readonly adminToken: string;
  readonly adminTokenSource: AdminTokenSource;
  /** `<state root>/admin-token`, unless the token came from PALYRA_ADMIN_TOKEN. */
  readonly adminTokenFile: string | undefined;
  /** Absolute. */
  readonly stateRoot: string;
  readonly database: DatabaseKind;
  readonly bus: BusKind;
  /**
   * Graceful stop, the start order reversed: readiness false and no new streams (open ones are
   * told where to resume), running turns finish until the deadline and the rest are handed back,
   * then the bus, the database and the state lock are released. Idempotent.
   */
  stop(deadlineMs: number): Promise<void>;
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  readonly version: string;
};

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

type Cleanup = () => Promise<void> | void;

async function openDatabase(
  config: PalyradConfig,
  stateRoot: string,
  logger: Logger,
): Promise<{ database: Database; kind: DatabaseKind }> {
  if (config.database.url === undefined) {
    const dataDir = join(stateRoot, PGLITE_DIRECTORY);
    const database = await openPglite({ dataDir });
    try {
      // Embedded mode owns its database: nobody else could run `palyra migrate` against it.
      const { applied } = await migrate(database);
      if (applied.length > 0) logger.info({ dataDir, applied }, 'embedded database migrated');
      await assertSchemaCurrent(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return { database, kind: 'pglite' };
  }
  const database = await connectPostgres({
    url: config.database.url,
    poolSize: config.database.poolSize,
    applicationName: 'palyra-palyrad',
    logger: logger.child({ component: 'postgres' }),
  });
  try {
    if (config.database.autoMigrate) {
      const { applied } = await migrate(database);
      logger.info({ applied }, 'PALYRA_AUTO_MIGRATE: migrations applied');
    }
    await assertSchemaCurrent(database);
  } catch (error) {
    await database.close();
    if (isPalyraError(error) && error.code === 'SCHEMA_BEHIND') {
      throw new PalyraError('SCHEMA_BEHIND', `${error.message}; or set PALYRA_AUTO_MIGRATE=true`, {
        details: error.details,
        cause: error,
      });
    }
    throw error;
  }
  return { database, kind: 'postgres' };
}

/**
 * Starts the gateway and the orchestrator in this process on one database, one bus, one metrics
 * registry and one HTTP server (/healthz, /readyz, /metrics). Without PALYRA_DATABASE_URL the
 * database is PGlite under `<state root>/pglite` (migrated here); without PALYRA_NATS_URL the bus
 * is in-process. Reads no environment itself: `main.ts` parses the config.
 */
export async function startPalyrad(config: PalyradConfig, options: StartPalyradOptions): Promise<Palyrad> {
  const logger = options.logger;
  const metrics = options.metrics ?? createMetrics();
  const stateRoot = resolve(options.workingDirectory ?? process.cwd(), config.stateRoot);
  const version: VersionInfo = options.version ?? {
    version: packageJson.version,
    gitHash: config.gitHash,
    // Running the TypeScript sources (tsx) is development; images run the compiled dist/.
    buildProfile: import.meta.url.endsWith('.ts') ? 'dev' : 'release',
  };
  const cleanups: Cleanup[] = [];
  const unwind = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };

  try {
    mkdirSync(stateRoot, { recursive: true, mode: 0o700 });
    const admin = resolveAdminToken({
      configured: config.auth.adminToken?.reveal(),
      stateRoot,
      onPermissionsFixed: (path) =>
        logger.warn({ path }, 'admin token file was readable by others; now 0600'),
    });
    let lock: StateLock | undefined;
    if (config.database.url === undefined) {
      lock = acquireStateLock(stateRoot);
      const held = lock;
      cleanups.push(() => held.release());
    }

    const { database, kind: databaseKind } = await openDatabase(config, stateRoot, logger);
    cleanups.push(() => database.close());
    const repositories = createRepositories(database);
    await repositories.tenants.ensure(DEFAULT_TENANT_ID);

    let bus: Bus;
    let onBusReconnect: ((listener: () => void) => () => void) | undefined;
    if (config.nats.url === undefined) {
      bus = createInProcessBus({
        ackWaitMs: config.runs.ackWaitMs,
        maxDeliver: config.runs.maxDeliver,
        logger: logger.child({ component: 'bus' }),
      });
    } else {
      const natsBus = await connectNatsBus({
        servers: config.nats.url,
        prefix: config.nats.streamPrefix,
        name: 'palyrad',
        ackWaitMs: config.runs.ackWaitMs,
        maxDeliver: config.runs.maxDeliver,
        logger: logger.child({ component: 'nats' }),
      });
      bus = natsBus;
      onBusReconnect = watchReconnects(natsBus.connection, logger.child({ component: 'nats' }));
    }
    const busKind: BusKind = config.nats.url === undefined ? 'in-process' : 'nats';
    cleanups.push(() => bus.close());

    const authenticator = createAuthenticator(
      { ...toAuthConfig(config.auth), adminToken: admin.token },
      { apiKeys: createApiKeyVerifier(repositories.apiKeys) },
    );
    const orchestrator = createOrchestrator({
      repositories,
      bus,
      database,
      runtime: await createAgentRuntime(config, { logger, metrics }),
      logger,
      metrics,
      settings: settingsFromConfig(config),
    });
    cleanups.push(() => orchestrator.close());
    // The gateway's HTTP app is the process's only one: its /metrics serves the shared registry,
    // its /readyz checks the database and bus both applications use.
    const gateway: Gateway = createGateway({
      repositories,
      bus,
      database,
      authenticator,
      logger,
      metrics,
      settings: config,
      version,
      ...(onBusReconnect === undefined ? {} : { onBusReconnect }),
    });
    cleanups.push(() => gateway.close());

    // Workers first, then intake: a run admitted the moment the port opens is consumed at once.
    orchestrator.start();
    // NATS keeps its queue across restarts; the in-process bus does not.
    if (busKind === 'in-process') await requeueUnfinishedRuns(repositories, bus.runQueue, logger);
    const ports = await gateway.listen();
    const grpcAddress = hostPort(config.grpc.bindAddr, ports.grpcPort);
    const httpAddress = `http://${hostPort(config.http.bindAddr, ports.httpPort)}`;
    logger.info(
      {
        grpc: grpcAddress,
        http: httpAddress,
        database: databaseKind,
        bus: busKind,
        stateRoot,
        adminTokenSource: admin.source,
      },
      'palyrad ready',
    );

    let stopped: Promise<void> | undefined;
    return {
      grpcAddress,
      httpAddress,
      adminToken: admin.token,
      adminTokenSource: admin.source,
      adminTokenFile: admin.path,
      stateRoot,
      database: databaseKind,
      bus: busKind,
      stop(deadlineMs) {
        stopped ??= (async () => {
          const deadlineAt = Date.now() + deadlineMs;
          const remaining = () => Math.max(deadlineAt - Date.now(), 0);
          logger.info({ deadlineMs, openStreams: gateway.openStreams }, 'palyrad stopping');
          await gateway.drain(remaining());
          await orchestrator.drain(remaining());
          await unwind();
          logger.info('palyrad stopped');
        })();
        return stopped;
      },
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
