import { type ConfigOf, durationMs, enumOf, int, port, text, url } from '@palyra/config';
import { LIMITS } from '@palyra/core';
import { modelProviderSpec } from '@palyra/providers';
import { LOG_LEVELS } from '@palyra/telemetry';
import { toolCallSpec } from '@palyra/tools';

/**
 * How runs are executed: the part palyrad shares (it composes the orchestrator with PGlite and the
 * in-process bus, so it has no database or NATS variables of ours).
 */
export const orchestratorRunSpec = {
  runs: {
    concurrency: int('PALYRA_ORCHESTRATOR_CONCURRENCY', {
      description: 'Runs one replica executes at once (also its max unacked jobs)',
      default: 16,
      min: 1,
      max: 10_000,
    }),
    ackWaitMs: durationMs('PALYRA_RUN_ACK_WAIT_MS', {
      description: 'Redelivery after a worker stops heartbeating a run; heartbeats run at a third of it',
      default: 30_000,
      min: 1_000,
    }),
    maxDeliver: int('PALYRA_RUN_MAX_DELIVER', {
      description: 'Deliveries of one run before it is dead-lettered (and failed)',
      default: 5,
      min: 1,
      max: 100,
    }),
    wallClockMs: durationMs('PALYRA_RUN_WALL_CLOCK_MS', {
      description: 'Longest a run may take from its start; then it fails naming this limit',
      default: LIMITS.runWallClockMsDefault,
      min: 1,
    }),
    inputIdleTimeoutMs: durationMs('PALYRA_RUN_INPUT_IDLE_TIMEOUT_MS', {
      description: 'How long an answered run waits for more input before it ends as if half-closed',
      default: 30_000,
      min: 1,
    }),
  },
  events: {
    batchMaxEvents: int('PALYRA_EVENT_BATCH_MAX_EVENTS', {
      description: 'Most run events written to the journal in one append',
      default: 64,
      min: 1,
      max: 1_000,
    }),
    batchMaxDelayMs: durationMs('PALYRA_EVENT_BATCH_MAX_DELAY_MS', {
      description:
        'Longest an event waits for its batch; also the model pause after which a text chunk closes',
      default: 5,
      min: 0,
      max: 10_000,
    }),
  },
  /** Model providers, profiles and failover (libs/providers owns the variables). */
  model: modelProviderSpec,
  /** Tool policy and limits (libs/tools owns the variables). */
  tools: toolCallSpec,
};

/** Every variable of the standalone orchestrator process (`src/main.ts`). */
export const orchestratorConfigSpec = {
  database: {
    url: url('PALYRA_DATABASE_URL', {
      description: 'Postgres connection URL (the user owns the schema; connections run as palyra_app)',
      protocols: ['postgres', 'postgresql'],
    }),
    poolSize: int('PALYRA_DATABASE_POOL_SIZE', {
      description: 'Postgres connections in the pool',
      default: 20,
      min: 1,
      max: 1_000,
    }),
  },
  nats: {
    url: url('PALYRA_NATS_URL', {
      description: 'NATS server URL (JetStream enabled)',
      protocols: ['nats', 'tls'],
    }),
    streamPrefix: text('PALYRA_NATS_STREAM_PREFIX', {
      description: 'Prefix of stream names; its lower-case form is the subject root',
      default: 'PALYRA',
      pattern: /^[A-Z][A-Z0-9_]{0,31}$/,
      patternDescription: '1-32 characters of A-Z, 0-9 or _, starting with a letter',
    }),
  },
  ...orchestratorRunSpec,
  http: {
    bindAddress: text('PALYRA_DAEMON_BIND_ADDR', {
      description: 'Address of the /healthz, /readyz and /metrics listener',
      default: '0.0.0.0',
    }),
    port: port('PALYRA_DAEMON_PORT', {
      description: 'Port of the /healthz, /readyz and /metrics listener (0 = ephemeral)',
      default: 7142,
    }),
  },
  shutdownGraceMs: durationMs('PALYRA_SHUTDOWN_GRACE_MS', {
    description: 'On SIGTERM, how long running turns may finish before their runs are handed back',
    default: 25_000,
  }),
  logLevel: enumOf('PALYRA_LOG_LEVEL', LOG_LEVELS, { description: 'Log level', default: 'info' }),
};

export type OrchestratorRunConfig = ConfigOf<typeof orchestratorRunSpec>;
export type OrchestratorConfig = ConfigOf<typeof orchestratorConfigSpec>;
