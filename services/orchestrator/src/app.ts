import { SpanKind } from '@opentelemetry/api';
import type { Bus, ConsumerHandle, RunDelivery } from '@palyra/bus';
import { LIMITS } from '@palyra/core';
import type { Database, Repositories } from '@palyra/journal';
import { extractTraceContext, getTracer, type Logger, type Metrics, withSpan } from '@palyra/telemetry';
import type { FastifyInstance } from 'fastify';
import type { AgentRuntime } from './agent-runtime.js';
import type { OrchestratorRunConfig } from './config.js';
import { createDeadLetterHandler } from './dead-letter-handler.js';
import { buildHttpApp, type Readiness } from './http.js';
import { createOrchestratorMetrics, type RunOutcome } from './metrics.js';
import { CONTEXT_MAX_MESSAGES } from './run-context.js';
import { type ExecutorDeps, type ExecutorSettings, RunExecution } from './run-executor.js';

/** What the orchestrator needs to know; `settingsFromConfig` maps the env config onto it. */
export interface OrchestratorSettings extends ExecutorSettings {
  readonly concurrency: number;
  /** How long `/readyz` waits for a dependency's ping. */
  readonly readinessTimeoutMs: number;
}

export const SETTINGS_DEFAULTS = {
  retryBaseDelayMs: 1_000,
  contextMaxMessages: CONTEXT_MAX_MESSAGES,
  maxModelTurns: LIMITS.modelTurnsPerRun,
  inputPollMs: 250,
  readinessTimeoutMs: 2_000,
} as const;

export function settingsFromConfig(config: OrchestratorRunConfig): OrchestratorSettings {
  return {
    concurrency: config.runs.concurrency,
    ackWaitMs: config.runs.ackWaitMs,
    maxDeliver: config.runs.maxDeliver,
    wallClockMs: config.runs.wallClockMs,
    inputIdleTimeoutMs: config.runs.inputIdleTimeoutMs,
    batchMaxEvents: config.events.batchMaxEvents,
    batchMaxDelayMs: config.events.batchMaxDelayMs,
    ...SETTINGS_DEFAULTS,
  };
}

export interface OrchestratorDeps {
  readonly repositories: Pick<Repositories, 'runs' | 'journal' | 'agents' | 'approvals'>;
  readonly bus: Bus;
  /** For `/readyz` only. */
  readonly database: Pick<Database, 'ping'>;
  readonly runtime: AgentRuntime;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly settings: OrchestratorSettings;
}

export interface Orchestrator {
  /** `/healthz`, `/readyz`, `/metrics`; not listening (the caller listens, tests inject). */
  readonly http: FastifyInstance;
  /** Runs being executed by this replica now. */
  readonly activeRuns: number;
  /** Starts consuming runs (and dead letters). */
  start(): void;
  /**
   * Graceful stop: readiness goes false, no new runs are taken, runs waiting for client input are
   * handed back at once, running turns may finish until `deadlineMs`; then the rest stop and are
   * NAKed so another worker continues them from the journal. Idempotent.
   */
  drain(deadlineMs: number): Promise<void>;
  /** Drains with no grace and closes the HTTP app. Does not close the bus or the database. */
  close(): Promise<void>;
}

const HAND_BACK_DEADLINE_MS = 5_000;

/**
 * The orchestrator application: consumes RunQueue jobs with bounded concurrency and executes each
 * as a RunExecution. No environment, no drivers: `main.ts` (Postgres + NATS) and palyrad (PGlite +
 * the in-process bus) compose it.
 */
export function createOrchestrator(deps: OrchestratorDeps): Orchestrator {
  const { bus, repositories, runtime, settings } = deps;
  const logger = deps.logger.child({ component: 'orchestrator' });
  const metrics = createOrchestratorMetrics(deps.metrics);
  const tracer = getTracer('@palyra/orchestrator');
  const executorDeps: ExecutorDeps = {
    runs: repositories.runs,
    journal: repositories.journal,
    control: bus.control,
    runEvents: bus.runEvents,
    agents: repositories.agents,
    approvals: repositories.approvals,
    models: runtime.models,
    tools: runtime.tools,
    toolSettings: runtime.toolSettings,
    logger: logger.child({ component: 'run-executor' }),
    metrics,
    tracer,
    settings,
  };
  const active = new Map<RunExecution, Promise<void>>();
  let consumer: ConsumerHandle | undefined;
  let deadLetters: ConsumerHandle | undefined;
  let started = false;
  let draining: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  async function handle(delivery: RunDelivery): Promise<void> {
    const execution = new RunExecution(executorDeps, delivery);
    if (delivery.deliveryCount > 1) metrics.redeliveries.inc();
    if (draining !== undefined) execution.drain();
    const startedAt = performance.now();
    metrics.runsInFlight.inc();
    let outcome: RunOutcome = 'requeued';
    const { tenantId, sessionId, runId } = delivery.job;
    const task = withSpan(
      tracer,
      'palyra.runs process',
      {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': 'palyra.runs',
        'palyra.tenant_id': tenantId,
        'palyra.session_id': sessionId,
        'palyra.run_id': runId,
        'palyra.delivery_count': delivery.deliveryCount,
      },
      async (span) => {
        outcome = await execution.run();
        span.setAttribute('palyra.run_outcome', outcome);
      },
      { parent: extractTraceContext(delivery.trace), kind: SpanKind.CONSUMER },
    );
    active.set(execution, task);
    try {
      // A throw reaches the bus, which logs it and NAKs the delivery with a backoff.
      await task;
    } finally {
      active.delete(execution);
      metrics.runsInFlight.dec();
      metrics.runs.inc({ outcome });
      metrics.runDuration.observe({ outcome }, (performance.now() - startedAt) / 1000);
    }
  }

  async function readiness(): Promise<Readiness> {
    if (!started) return { ready: false, reason: 'starting' };
    if (draining !== undefined) return { ready: false, reason: 'draining' };
    const [database, transport] = await Promise.allSettled([
      withTimeout(deps.database.ping(), settings.readinessTimeoutMs),
      withTimeout(bus.ping(), settings.readinessTimeoutMs),
    ]);
    if (database.status === 'rejected')
      return { ready: false, reason: `database: ${reason(database.reason)}` };
    if (transport.status === 'rejected') return { ready: false, reason: `bus: ${reason(transport.reason)}` };
    return { ready: true };
  }

  const http = buildHttpApp({ metrics: deps.metrics, readiness });

  async function drain(deadlineMs: number): Promise<void> {
    logger.info({ activeRuns: active.size, deadlineMs }, 'draining');
    for (const execution of active.keys()) execution.drain();
    const stopped = Promise.all([consumer?.stop(deadlineMs), deadLetters?.stop(deadlineMs)]);
    await settledOrTimeout([...active.values()], deadlineMs);
    if (active.size > 0) {
      logger.info({ activeRuns: active.size }, 'grace period over; handing runs back');
      for (const execution of active.keys()) execution.abort();
      await settledOrTimeout([...active.values()], HAND_BACK_DEADLINE_MS);
    }
    await stopped;
    logger.info({ activeRuns: active.size }, 'drained');
  }

  return {
    http,
    get activeRuns() {
      return active.size;
    },
    start() {
      if (started) return;
      started = true;
      consumer = bus.runQueue.consume(handle, { concurrency: settings.concurrency });
      deadLetters = bus.runQueue.onDeadLetter(
        createDeadLetterHandler({ ...executorDeps, logger: executorDeps.logger }),
      );
      logger.info(
        { concurrency: settings.concurrency, modelProfiles: runtime.models.profiles },
        'consuming runs',
      );
    },
    drain(deadlineMs) {
      draining ??= drain(deadlineMs);
      return draining;
    },
    close() {
      closing ??= (async () => {
        draining ??= drain(0);
        await draining;
        await http.close();
      })();
      return closing;
    },
  };
}

async function settledOrTimeout(tasks: readonly Promise<unknown>[], timeoutMs: number): Promise<void> {
  if (tasks.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled(tasks), timeout]);
  clearTimeout(timer);
}

async function withTimeout(promise: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
