// palyrad's composition root: config -> logger -> metrics -> startPalyrad (state root, admin
// token, database, bus, orchestrator, gateway, listen) -> banner. SIGTERM/SIGINT: stop within the
// grace (the start order reversed), flush telemetry, exit.
import { readFileSync } from 'node:fs';
import { findUnknownEnvVars, parseEnv, redactedConfigForLog } from '@palyra/config';
import { isPalyraError } from '@palyra/core';
import { createLogger, createMetrics, shutdownTelemetry } from '@palyra/telemetry';
import { palyradConfigSpec } from './config.js';
import { type Palyrad, startPalyrad } from './palyrad.js';
import { formatStartupBanner } from './startup-banner.js';

/** Variables of the `palyra` CLI, often exported in the same shell; not typos of ours. */
const CLI_VARIABLES = [
  'PALYRA_TOKEN',
  'PALYRA_GRPC_URL',
  'PALYRA_PRINCIPAL',
  'PALYRA_DEVICE_ID',
  'PALYRA_CHANNEL',
  'PALYRA_TENANT',
  'PALYRA_TLS_CA_FILE',
  'PALYRA_CLI_CONFIG',
  'PALYRA_DEBUG',
];
/** After this long past the grace, shutdown stops waiting and exits. */
const SHUTDOWN_OVERRUN_MS = 10_000;

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

let config: ReturnType<typeof parseEnv<typeof palyradConfigSpec>>;
try {
  config = parseEnv(palyradConfigSpec);
} catch (error) {
  process.stderr.write(`${isPalyraError(error) ? error.message : String(error)}\n`);
  process.exit(1);
}

// A terminal gets readable log lines; anything else (containers, files, tests) JSON lines.
const logger = createLogger({
  service: 'palyrad',
  level: config.logLevel,
  version: packageJson.version,
  pretty: process.stdout.isTTY === true,
});
logger.info({ config: redactedConfigForLog(config) }, 'configuration loaded');
for (const unknown of findUnknownEnvVars(palyradConfigSpec, process.env, {
  allow: ['PALYRA_SERVICE_NAME', ...CLI_VARIABLES],
})) {
  logger.warn({ variable: unknown.name, suggestion: unknown.suggestion }, 'unknown environment variable');
}
// `npm start` at the repository root runs this in the package folder; INIT_CWD is where it was typed.
const workingDirectory = process.env.INIT_CWD ?? process.cwd();

let palyrad: Palyrad;
try {
  palyrad = await startPalyrad(config, { logger, metrics: createMetrics(), workingDirectory });
} catch (error) {
  logger.error(
    { err: error, code: isPalyraError(error) ? error.code : undefined },
    'palyrad failed to start',
  );
  process.stderr.write(
    `palyrad failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await shutdownTelemetry();
  process.exit(1);
}
process.stdout.write(formatStartupBanner(palyrad, { workingDirectory }));

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    logger.warn({ signal }, 'second signal; exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
  setTimeout(() => {
    logger.error({ graceMs: config.shutdownGraceMs }, 'shutdown overran; exiting');
    process.exit(1);
  }, config.shutdownGraceMs + SHUTDOWN_OVERRUN_MS).unref();
  let exitCode = 0;
  try {
    await palyrad.stop(config.shutdownGraceMs);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    exitCode = 1;
  }
  await shutdownTelemetry();
  process.exit(exitCode);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
