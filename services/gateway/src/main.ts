// The standalone gateway's composition root: config -> logger -> metrics -> Postgres -> NATS ->
// authenticator -> gateway -> listen. SIGTERM/SIGINT: drain within the grace, then the reverse.
import { readFileSync } from 'node:fs';
import { createApiKeyVerifier, createAuthenticator } from '@palyra/auth';
import { connectNatsBus } from '@palyra/bus';
import { findUnknownEnvVars, parseEnv, redactedConfigForLog } from '@palyra/config';
import { isPalyraError } from '@palyra/core';
import { assertSchemaCurrent, connectPostgres, createRepositories } from '@palyra/journal';
import { createLogger, createMetrics, shutdownTelemetry } from '@palyra/telemetry';
import { createGateway } from './app.js';
import { watchReconnects } from './bus-reconnects.js';
import { gatewayConfigSpec, toAuthConfig } from './config.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
// Running the TypeScript sources (tsx) is development; images run the compiled dist/.
const buildProfile = import.meta.url.endsWith('.ts') ? 'dev' : 'release';

let config: ReturnType<typeof parseEnv<typeof gatewayConfigSpec>>;
try {
  config = parseEnv(gatewayConfigSpec);
} catch (error) {
  process.stderr.write(`${isPalyraError(error) ? error.message : String(error)}\n`);
  process.exit(1);
}

const logger = createLogger({ service: 'gateway', level: config.logLevel, version: packageJson.version });
logger.info({ config: redactedConfigForLog(config), buildProfile }, 'configuration loaded');
for (const unknown of findUnknownEnvVars(gatewayConfigSpec, process.env, {
  allow: ['PALYRA_SERVICE_NAME'],
})) {
  logger.warn({ variable: unknown.name, suggestion: unknown.suggestion }, 'unknown environment variable');
}

async function start() {
  const metrics = createMetrics();
  const database = await connectPostgres({
    url: config.database.url,
    poolSize: config.database.poolSize,
    applicationName: 'palyra-gateway',
    logger: logger.child({ component: 'postgres' }),
  });
  try {
    // Refuses to start on a schema behind the code (SCHEMA_BEHIND: run `palyra migrate`).
    await assertSchemaCurrent(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const bus = await connectNatsBus({
    servers: config.nats.url,
    prefix: config.nats.streamPrefix,
    name: 'gateway',
    logger: logger.child({ component: 'nats' }),
  });
  const repositories = createRepositories(database);
  const authenticator = createAuthenticator(toAuthConfig(config.auth), {
    apiKeys: createApiKeyVerifier(repositories.apiKeys),
  });
  const gateway = createGateway({
    repositories,
    bus,
    database,
    authenticator,
    logger,
    metrics,
    settings: config,
    version: { version: packageJson.version, gitHash: config.gitHash, buildProfile },
    onBusReconnect: watchReconnects(bus.connection, logger.child({ component: 'nats' })),
  });
  const ports = await gateway.listen();
  logger.info(
    {
      grpc: `${config.grpc.bindAddr}:${ports.grpcPort}`,
      http: `${config.http.bindAddr}:${ports.httpPort}`,
      metrics: ports.metricsPort === undefined ? undefined : `${config.http.bindAddr}:${ports.metricsPort}`,
    },
    'gateway listening',
  );
  return { gateway, bus, database };
}

let running: Awaited<ReturnType<typeof start>>;
try {
  running = await start();
} catch (error) {
  logger.error(
    { err: error, code: isPalyraError(error) ? error.code : undefined },
    'gateway failed to start',
  );
  await shutdownTelemetry();
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    logger.warn({ signal }, 'second signal; exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
  try {
    await running.gateway.drain(config.shutdownGraceMs);
    await running.gateway.close();
    await running.bus.close();
    await running.database.close();
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
  }
  logger.info('gateway stopped');
  await shutdownTelemetry();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
