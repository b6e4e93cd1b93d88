// Composition root of the standalone orchestrator: config -> logger -> metrics -> Postgres ->
// NATS -> models and tools -> application -> HTTP -> consume. Shutdown runs the start order reversed.
import { connectNatsBus } from '@palyra/bus';
import { findUnknownEnvVars, parseEnv, redactedConfigForLog } from '@palyra/config';
import { assertSchemaCurrent, connectPostgres, createRepositories } from '@palyra/journal';
import { createLogger, createMetrics, shutdownTelemetry } from '@palyra/telemetry';
import { createAgentRuntime } from './agent-runtime.js';
import { createOrchestrator, settingsFromConfig } from './app.js';
import { orchestratorConfigSpec } from './config.js';

const SERVICE = 'orchestrator';
/** After this long past the grace period, shutdown gives up waiting and exits. */
const SHUTDOWN_OVERRUN_MS = 10_000;

async function main(): Promise<void> {
  const config = parseEnv(orchestratorConfigSpec);
  const logger = createLogger({ service: SERVICE, level: config.logLevel });
  logger.info({ config: redactedConfigForLog(config) }, 'configuration');
  for (const unknown of findUnknownEnvVars(orchestratorConfigSpec, process.env, {
    allow: ['PALYRA_SERVICE_NAME'],
  })) {
    logger.warn(
      { variable: unknown.name, suggestion: unknown.suggestion },
      'unknown environment variable ignored',
    );
  }
  const metrics = createMetrics();

  const database = await connectPostgres({
    url: config.database.url,
    poolSize: config.database.poolSize,
    applicationName: `palyra-${SERVICE}`,
    logger: logger.child({ component: 'postgres' }),
  });
  await assertSchemaCurrent(database);
  const bus = await connectNatsBus({
    servers: config.nats.url,
    prefix: config.nats.streamPrefix,
    name: SERVICE,
    ackWaitMs: config.runs.ackWaitMs,
    maxDeliver: config.runs.maxDeliver,
    logger: logger.child({ component: 'bus' }),
  });
  const orchestrator = createOrchestrator({
    repositories: createRepositories(database),
    bus,
    database,
    runtime: await createAgentRuntime(config, { logger, metrics }),
    logger,
    metrics,
    settings: settingsFromConfig(config),
  });
  const address = await orchestrator.http.listen({ host: config.http.bindAddress, port: config.http.port });
  orchestrator.start();
  logger.info({ address }, 'orchestrator ready');

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    setTimeout(() => {
      logger.error({}, 'shutdown overran; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + SHUTDOWN_OVERRUN_MS).unref();
    await orchestrator.drain(config.shutdownGraceMs);
    await orchestrator.close();
    await bus.close();
    await database.close();
    logger.info({}, 'stopped');
    await shutdownTelemetry();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      shutdown(signal).catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    });
  }
}

main().catch((error: unknown) => {
  // Before the logger exists (bad config) or when a dependency refuses us (schema behind).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`palyra orchestrator failed to start: ${message}\n`);
  if (!(error instanceof Error && error.name === 'PalyraError') && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exit(1);
});
