import { randomBytes } from 'node:crypto';
import { newId } from '@palyra/core';
import { connectPostgres, migrate } from '@palyra/journal';
import {
  cleanupNatsPrefix,
  createTestDatabase,
  TEST_POSTGRES_ADMIN_URL,
  uniqueStreamPrefix,
} from '@palyra/testkit';
import pg from 'pg';
import { IDLE_WAVE } from './blocks/grpc-idle.js';
import { measureGrpcStreams, STREAM_CONCURRENCY } from './blocks/grpc-streams.js';
import { type BenchContext, CHUNK_WORDS, pick, RUN_INPUT_WORDS, runInputText } from './context.js';
import { createRunDriver, type E2eClientKind, type RunDriver } from './e2e-drivers.js';
import { figure, type SectionResult } from './report.js';
import type { IdleStream } from './run-stream-driver.js';
import {
  freePort,
  locateService,
  type RunningService,
  type ServiceEntry,
  type ServiceMode,
  startService,
  waitUntilReady,
} from './service-process.js';
import { closedLoop, procCpuMsOf, procRssBytesOf, sleep, summarize } from './stats.js';

/** Targets of the end-to-end figures (ARCHITECTURE.md section 10; printed, never enforced). */
export const E2E_TARGETS = {
  runsRatioAt64: 0.5,
  firstTokenP50Ms: 3,
  doneP50Ms: 5,
  cpuMsPerRun: 1,
  idleKiBPerStream: 20,
} as const;

export interface EndToEndOptions {
  readonly client: E2eClientKind;
  readonly services: ServiceMode;
  /** Where the services' logs go. */
  readonly logDir: string;
}

/** Throws ServicesMissingError when a service package or its entry point does not exist yet. */
export function locateServices(mode: ServiceMode): { gateway: ServiceEntry; orchestrator: ServiceEntry } {
  return { gateway: locateService('gateway', mode), orchestrator: locateService('orchestrator', mode) };
}

export interface Ports {
  readonly grpc: number;
  readonly gatewayHttp: number;
  readonly orchestratorHttp: number;
}

/** Runs one orchestrator executes at once: above the highest concurrency measured (256). */
const ORCHESTRATOR_CONCURRENCY = 512;

/**
 * The environment of each process, the variables of services/{gateway,orchestrator}/src/config.ts.
 * Only what the bench must choose is set; everything else keeps the defaults an operator gets
 * (pool sizes, event batching, stream buffers). The deterministic provider (the default) echoes
 * the input; logs at warn (a log line per event would measure pino); an input-idle timeout long
 * enough that idle runs stay idle while their memory is measured. The start scripts load the
 * OpenTelemetry instrumentation; with no OTEL_* exporter variable nothing is exported, and any
 * OTEL_* variable of the bench's environment is passed on (to measure tracing's cost). No other
 * variable of the operator's shell leaks in.
 */
export function serviceEnvironment(
  service: 'gateway' | 'orchestrator',
  shared: { databaseUrl: string; streamPrefix: string; adminToken: string; natsServers: string },
  ports: Ports,
): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PALYRA_DATABASE_URL: shared.databaseUrl,
    PALYRA_NATS_URL: shared.natsServers,
    PALYRA_NATS_STREAM_PREFIX: shared.streamPrefix,
    PALYRA_LOG_LEVEL: 'warn',
    PALYRA_DAEMON_BIND_ADDR: '127.0.0.1',
    // Teardown only: the bench has closed its streams by then, nothing is left to drain.
    PALYRA_SHUTDOWN_GRACE_MS: '5000',
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_'))),
  };
  if (service === 'gateway') {
    return {
      ...base,
      PALYRA_DAEMON_PORT: String(ports.gatewayHttp),
      PALYRA_GATEWAY_GRPC_BIND_ADDR: '127.0.0.1',
      PALYRA_GATEWAY_GRPC_PORT: String(ports.grpc),
      PALYRA_ADMIN_TOKEN: shared.adminToken,
    };
  }
  return {
    ...base,
    PALYRA_DAEMON_PORT: String(ports.orchestratorHttp),
    PALYRA_ORCHESTRATOR_CONCURRENCY: String(ORCHESTRATOR_CONCURRENCY),
    PALYRA_RUN_INPUT_IDLE_TIMEOUT_MS: String(10 * 60_000),
  };
}

interface Deployment {
  readonly gateway: RunningService;
  readonly orchestrator: RunningService;
  readonly grpcAddress: string;
  readonly adminToken: string;
  readonly databaseName: string;
  /** The npm scripts the processes were started from. */
  readonly scripts: Record<string, string>;
  close(): Promise<void>;
}

/** What a deployment runs on: a fresh, migrated database and a unique NATS stream prefix. */
export interface BenchBackend {
  readonly databaseUrl: string;
  readonly databaseName: string;
  readonly streamPrefix: string;
  /** Deletes the prefix's streams and drops the database (after the services stopped). */
  close(): Promise<void>;
}

export async function createBenchBackend(context: BenchContext): Promise<BenchBackend> {
  const database = await createTestDatabase();
  const streamPrefix = uniqueStreamPrefix();
  const close = async (): Promise<void> => {
    await cleanupNatsPrefix(streamPrefix, context.natsServers).catch(() => []);
    await database.drop();
  };
  try {
    // `palyra migrate` does exactly this: migrations are never run implicitly by a service.
    const owner = await connectPostgres({ url: database.url, poolSize: 1 });
    try {
      await migrate(owner);
    } finally {
      await owner.close();
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { databaseUrl: database.url, databaseName: database.name, streamPrefix, close };
}

async function deploy(context: BenchContext, options: EndToEndOptions): Promise<Deployment> {
  const entries = locateServices(options.services);
  const backend = await createBenchBackend(context);
  const started: RunningService[] = [];
  const close = async (): Promise<void> => {
    for (const service of [...started].reverse()) await service.stop();
    await backend.close();
  };
  try {
    const ports: Ports = {
      grpc: await freePort(),
      gatewayHttp: await freePort(),
      orchestratorHttp: await freePort(),
    };
    const adminToken = randomBytes(24).toString('hex');
    const shared = {
      databaseUrl: backend.databaseUrl,
      streamPrefix: backend.streamPrefix,
      adminToken,
      natsServers: context.natsServers,
    };
    context.log(`e2e: starting orchestrator and gateway (logs in ${options.logDir})`);
    const orchestrator = startService(
      entries.orchestrator,
      serviceEnvironment('orchestrator', shared, ports),
      options.logDir,
    );
    started.push(orchestrator);
    await waitUntilReady(orchestrator, ports.orchestratorHttp);
    const gateway = startService(
      entries.gateway,
      serviceEnvironment('gateway', shared, ports),
      options.logDir,
    );
    started.push(gateway);
    await waitUntilReady(gateway, ports.gatewayHttp);
    gateway.refreshTree();
    orchestrator.refreshTree();
    return {
      gateway,
      orchestrator,
      grpcAddress: `127.0.0.1:${ports.grpc}`,
      adminToken,
      databaseName: backend.databaseName,
      scripts: { gateway: entries.gateway.script, orchestrator: entries.orchestrator.script },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

interface PostgresCounters {
  readonly commits: number;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsFetched: number;
}

interface PostgresProbe {
  /** CPU ms of the backends now serving the bench database (this machine's Postgres, via /proc). */
  cpuMs(): Promise<number>;
  /**
   * The database's cumulative counters from pg_stat_database. Backends publish them at most once
   * a second, so callers wait STATS_FLUSH_MS after the work before reading.
   */
  counters(): Promise<PostgresCounters>;
  close(): Promise<void>;
}

const STATS_FLUSH_MS = 1_200;

async function connectPostgresProbe(databaseName: string): Promise<PostgresProbe> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  return {
    async cpuMs() {
      const result = await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1',
        [databaseName],
      );
      return procCpuMsOf(result.rows.map((row) => row.pid));
    },
    async counters() {
      // The admin session caches stats snapshots within a transaction; outside one each query is fresh.
      const result = await admin.query<Record<keyof PostgresCounters, string>>(
        `select xact_commit as "commits", tup_inserted as "rowsInserted", tup_updated as "rowsUpdated",
                tup_fetched as "rowsFetched"
           from pg_stat_database where datname = $1`,
        [databaseName],
      );
      const row = result.rows[0];
      return {
        commits: Number(row?.commits ?? 0),
        rowsInserted: Number(row?.rowsInserted ?? 0),
        rowsUpdated: Number(row?.rowsUpdated ?? 0),
        rowsFetched: Number(row?.rowsFetched ?? 0),
      };
    },
    close: () => admin.end(),
  };
}

interface IdleFigures {
  readonly count: number;
  readonly openMs: number;
  readonly holdMs: number;
  readonly gatewayRssBefore: number;
  readonly gatewayRssOpened: number;
  readonly gatewayRssHeld: number;
  readonly orchestratorRssBefore: number;
  readonly orchestratorRssHeld: number;
  /** RSS growth per stream at the end of the hold: the steady-state cost. */
  readonly gatewayKiBPerStream: number;
  /** CPU while every stream is idle, in % of one core (100 = a whole core). */
  readonly gatewayCpuPercent: number;
  readonly orchestratorCpuPercent: number;
  readonly postgresCpuPercent: number;
}

/**
 * Opens `count` idle runs in waves and holds them for `holdMs` without sending anything. Memory
 * is read at the end of the hold, not right after opening: whatever an idle stream does over time
 * (journal polls, timers, buffers) is part of its cost, and so is the CPU it burns while idle.
 */
async function holdIdleRuns(
  deployment: Deployment,
  driver: RunDriver,
  postgres: PostgresProbe,
  count: number,
  holdMs: number,
  opened: IdleStream[],
): Promise<IdleFigures> {
  await sleep(1_000);
  deployment.gateway.refreshTree();
  deployment.orchestrator.refreshTree();
  const gatewayRssBefore = procRssBytesOf(deployment.gateway.pids());
  const orchestratorRssBefore = procRssBytesOf(deployment.orchestrator.pids());
  const openStart = performance.now();
  for (let done = 0; done < count; done += IDLE_WAVE) {
    const wave = Math.min(IDLE_WAVE, count - done);
    opened.push(
      ...(await Promise.all(
        Array.from({ length: wave }, (_, index) => driver.openIdle(`idle-${done + index}`)),
      )),
    );
  }
  const openMs = performance.now() - openStart;
  const gatewayRssOpened = procRssBytesOf(deployment.gateway.pids());
  const gatewayCpu = procCpuMsOf(deployment.gateway.pids());
  const orchestratorCpu = procCpuMsOf(deployment.orchestrator.pids());
  const postgresCpu = await postgres.cpuMs();
  const holdStart = performance.now();
  await sleep(holdMs);
  const held = performance.now() - holdStart;
  const percent = (cpuMs: number): number => (cpuMs / held) * 100;
  const gatewayRssHeld = procRssBytesOf(deployment.gateway.pids());
  return {
    count,
    openMs,
    holdMs: held,
    gatewayRssBefore,
    gatewayRssOpened,
    gatewayRssHeld,
    orchestratorRssBefore,
    orchestratorRssHeld: procRssBytesOf(deployment.orchestrator.pids()),
    gatewayKiBPerStream: (gatewayRssHeld - gatewayRssBefore) / count / 1024,
    gatewayCpuPercent: percent(procCpuMsOf(deployment.gateway.pids()) - gatewayCpu),
    orchestratorCpuPercent: percent(procCpuMsOf(deployment.orchestrator.pids()) - orchestratorCpu),
    postgresCpuPercent: percent((await postgres.cpuMs()) - postgresCpu),
  };
}

interface LevelFigures {
  readonly concurrency: number;
  readonly runs: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly runsPerSec: number;
  readonly firstToken: ReturnType<typeof summarize>;
  readonly done: ReturnType<typeof summarize>;
  readonly gatewayCpuMsPerRun: number;
  readonly orchestratorCpuMsPerRun: number;
  readonly cpuMsPerRun: number;
  /** Backends whose pids changed between samples are missed; indicative only. */
  readonly postgresCpuMsPerRun: number;
  /** Transactions and rows per run, from pg_stat_database (everything on the bench database). */
  readonly postgresPerRun: PostgresCounters;
  readonly clientCpuMsPerRun: number;
}

/**
 * Palyra end to end: one gateway and one orchestrator as real processes on a fresh, migrated
 * database and a unique NATS stream prefix; runs through the public RunStream whose answer is 20
 * chunks (the deterministic provider echoes a 320-word input in chunks of <= 16 words).
 */
export async function measureEndToEnd(
  context: BenchContext,
  options: EndToEndOptions,
): Promise<SectionResult> {
  const serialCount = pick(context, { quick: 100, full: 1_000 });
  const warmupMs = pick(context, { quick: 1_000, full: 3_000 });
  const durationMs = pick(context, { quick: 2_000, full: 10_000 });
  const idleCount = pick(context, { quick: 2_000, full: 10_000 });
  const idleHoldMs = pick(context, { quick: 5_000, full: 15_000 });
  const text = runInputText();
  const deployment = await deploy(context, options);
  const driver: RunDriver = createRunDriver(options.client, {
    address: deployment.grpcAddress,
    token: deployment.adminToken,
    principal: 'bench',
    deviceId: newId(),
  });
  const postgres = await connectPostgresProbe(deployment.databaseName);
  const idle: IdleStream[] = [];
  const servicePids = (): number[] => [...deployment.gateway.pids(), ...deployment.orchestrator.pids()];
  try {
    await driver.ready();
    // Each worker is one user with its own session, as concurrent chats are: runs of one session
    // serialize on its journal chain by design.
    const run = (worker: number) => driver.run(`bench-${worker}`, text);
    const first = await run(0);
    if (first.tokens < 1) throw new Error(`a run streamed no tokens (${first.events} events)`);

    context.log(`e2e: ${serialCount} runs one at a time`);
    await closedLoop({ concurrency: 1, totalOps: 30, op: async () => (await run(0)).doneMs });
    const firstTokens: number[] = [];
    const tokenCounts = new Set<number>();
    const serial = await closedLoop({
      concurrency: 1,
      totalOps: serialCount,
      op: async () => {
        const timing = await run(0);
        firstTokens.push(timing.firstTokenMs);
        tokenCounts.add(timing.tokens);
        return timing.doneMs;
      },
    });
    if (serial.errors > 0) throw new Error(`e2e run failed: ${serial.firstError}`);
    const expectedChunks = RUN_INPUT_WORDS / CHUNK_WORDS;
    if (tokenCounts.size !== 1 || !tokenCounts.has(expectedChunks)) {
      context.log(
        `warning: runs streamed ${[...tokenCounts].join('/')} token chunks, expected ${expectedChunks}`,
      );
    }
    const firstToken = summarize(firstTokens);
    const done = summarize(serial.samples);

    const levels: LevelFigures[] = [];
    let bareAt64: SectionResult | undefined;
    for (const concurrency of STREAM_CONCURRENCY) {
      context.log(`e2e: ${concurrency} concurrent runs for ${durationMs} ms`);
      await closedLoop({
        concurrency,
        durationMs: warmupMs,
        op: async (worker) => (await run(worker)).doneMs,
      });
      await sleep(STATS_FLUSH_MS);
      deployment.gateway.refreshTree();
      deployment.orchestrator.refreshTree();
      const levelFirstTokens: number[] = [];
      const countersBefore = await postgres.counters();
      const gatewayBefore = procCpuMsOf(deployment.gateway.pids());
      const orchestratorBefore = procCpuMsOf(deployment.orchestrator.pids());
      const postgresBefore = await postgres.cpuMs();
      const result = await closedLoop({
        concurrency,
        durationMs,
        op: async (worker) => {
          const timing = await run(worker);
          levelFirstTokens.push(timing.firstTokenMs);
          return timing.doneMs;
        },
      });
      const gatewayCpu = procCpuMsOf(deployment.gateway.pids()) - gatewayBefore;
      const orchestratorCpu = procCpuMsOf(deployment.orchestrator.pids()) - orchestratorBefore;
      const postgresCpu = (await postgres.cpuMs()) - postgresBefore;
      if (result.ops === 0) throw new Error(`e2e runs failed at ${concurrency}: ${result.firstError}`);
      await sleep(STATS_FLUSH_MS);
      const countersAfter = await postgres.counters();
      const perRun = (key: keyof PostgresCounters): number =>
        (countersAfter[key] - countersBefore[key]) / result.ops;
      levels.push({
        concurrency,
        runs: result.ops,
        errors: result.errors,
        firstError: result.firstError,
        runsPerSec: result.opsPerSec,
        firstToken: summarize(levelFirstTokens),
        done: summarize(result.samples),
        gatewayCpuMsPerRun: gatewayCpu / result.ops,
        orchestratorCpuMsPerRun: orchestratorCpu / result.ops,
        cpuMsPerRun: (gatewayCpu + orchestratorCpu) / result.ops,
        postgresCpuMsPerRun: postgresCpu / result.ops,
        postgresPerRun: {
          commits: perRun('commits'),
          rowsInserted: perRun('rowsInserted'),
          rowsUpdated: perRun('rowsUpdated'),
          rowsFetched: perRun('rowsFetched'),
        },
        clientCpuMsPerRun: result.cpuMs / result.ops,
      });
      if (concurrency === 64) {
        context.log('e2e: bare grpc-js streams at 64, right beside it (the ratio denominator)');
        bareAt64 = await measureGrpcStreams(context, { concurrencies: [64], serial: false });
      }
    }

    context.log(`e2e: opening ${idleCount} idle runs, then holding them for ${idleHoldMs} ms`);
    const idleFigures = await holdIdleRuns(deployment, driver, postgres, idleCount, idleHoldMs, idle);

    const figures: SectionResult['figures'] = {
      firstTokenP50: figure('time to first token p50 (1 client)', firstToken.p50, 'ms', {
        comparison: '<=',
        value: E2E_TARGETS.firstTokenP50Ms,
      }),
      firstTokenP95: figure('time to first token p95 (1 client)', firstToken.p95, 'ms'),
      firstTokenP99: figure('time to first token p99 (1 client)', firstToken.p99, 'ms'),
      doneP50: figure('time to DONE p50 (1 client)', done.p50, 'ms', {
        comparison: '<=',
        value: E2E_TARGETS.doneP50Ms,
      }),
      doneP95: figure('time to DONE p95 (1 client)', done.p95, 'ms'),
      doneP99: figure('time to DONE p99 (1 client)', done.p99, 'ms'),
    };
    for (const level of levels) {
      const c = level.concurrency;
      figures[`runsPerSecAt${c}`] = figure(`runs/s at ${c} concurrent`, level.runsPerSec, 'runs/s');
      figures[`doneP50At${c}`] = figure(`time to DONE p50 at ${c}`, level.done.p50, 'ms');
      figures[`cpuPerRunAt${c}`] = figure(
        `gateway + orchestrator CPU per run at ${c}`,
        level.cpuMsPerRun,
        'ms',
        c === 64 ? { comparison: '<=', value: E2E_TARGETS.cpuMsPerRun } : undefined,
      );
    }
    const level64 = levels.find((level) => level.concurrency === 64);
    if (level64 !== undefined) {
      figures.postgresCpuAt64 = figure('Postgres CPU per run at 64', level64.postgresCpuMsPerRun, 'ms');
      figures.postgresCommitsAt64 = figure(
        'Postgres transactions per run at 64',
        level64.postgresPerRun.commits,
        'tx',
      );
    }
    const bareRate = bareAt64?.figures.streamsPerSecAt64;
    const bareCpu = bareAt64?.figures.serverCpuAt64;
    if (bareRate !== undefined) {
      figures.bareStreamsPerSecAt64 = figure(
        'bare grpc-js streams/s at 64, measured alongside',
        bareRate.value,
        'streams/s',
      );
    }
    if (bareCpu !== undefined) {
      figures.bareServerCpuAt64 = figure(
        'bare grpc-js server CPU per stream at 64, alongside',
        bareCpu.value,
        'ms',
      );
    }
    figures.idleStreams = figure('idle runs held', idleCount, 'streams');
    figures.idleKiBPerStream = figure(
      'gateway RSS per idle run stream',
      idleFigures.gatewayKiBPerStream,
      'KiB',
      {
        comparison: '<=',
        value: E2E_TARGETS.idleKiBPerStream,
      },
    );
    figures.idleGatewayCpu = figure(
      `gateway CPU while holding ${idleCount} idle runs`,
      idleFigures.gatewayCpuPercent,
      '% core',
    );
    return {
      id: 'e2e',
      title: 'Palyra end to end (1 gateway, 1 orchestrator, Postgres, NATS)',
      figures,
      details: {
        client: driver.kind,
        services: deployment.scripts,
        orchestratorConcurrency: ORCHESTRATOR_CONCURRENCY,
        inputWords: text.split(' ').length,
        tokensPerRun: [...tokenCounts],
        eventsPerRun: first.events,
        serial: { runs: serial.ops, firstToken, done },
        levels,
        bareAt64: bareAt64?.details,
        idle: {
          ...idleFigures,
          shape:
            'RunStream with a first message without input, not half-closed: ACCEPTED, then waits for input',
        },
        logs: options.logDir,
        servicePids: servicePids(),
      },
    };
  } finally {
    for (const stream of idle) stream.cancel();
    driver.close();
    await postgres.close();
    await deployment.close();
  }
}
