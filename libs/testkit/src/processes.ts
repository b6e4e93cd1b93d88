import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { natsTestServers } from './nats.js';

/**
 * A launcher for end-to-end tests: real service processes (`node --import tsx` on their
 * `src/main.ts`, as `npm start` runs them), their logs kept in a bounded ring buffer, readiness
 * awaited on a log line and/or an HTTP URL, and every process killed when the test ends (or when
 * the test process exits, so a crashed runner leaves no orphans behind).
 */

/** The repository root (this file is `libs/testkit/src/processes.ts`). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The slice of node:test's TestContext the launcher uses. */
export interface TestHooks {
  after(fn: () => unknown): void;
}

/**
 * Whether a test failed, read in its `after` hooks (`TestContext.passed`: Node 20 has it, its
 * @types do not yet).
 */
export function testFailed(t: object): boolean {
  return (t as { readonly passed?: unknown }).passed === false;
}

export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  /** The raw line (truncated to `MAX_LINE_CHARS`). */
  readonly text: string;
  /** The parsed record when the line is JSON (pino), else undefined. */
  readonly record: Readonly<Record<string, unknown>> | undefined;
}

/** A string matches a pino `msg` exactly or, for a non-JSON line, as a substring. */
export type LineMatcher = string | RegExp | ((line: LogLine) => boolean);

export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartServiceOptions {
  /** Label used in logs and errors, e.g. `gateway-1`. */
  readonly name: string;
  /** Entry file relative to `cwd`, e.g. `services/gateway/src/main.ts`. */
  readonly entry: string;
  readonly args?: readonly string[];
  /** The child's whole environment besides PATH: nothing else is inherited. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra `--import` modules after tsx (e.g. `@palyra/telemetry/instrumentation`). */
  readonly imports?: readonly string[];
  /** Ready once a log line matches (checked before `readyUrl`). */
  readonly readyLine?: LineMatcher;
  /**
   * Ready once a GET answers 200, polled; a function receives the line `readyLine` matched (to
   * read a printed address when the service listens on port 0).
   */
  readonly readyUrl?: string | ((line: LogLine | undefined) => string);
  /** Default the repository root. */
  readonly cwd?: string;
  /** Readiness deadline. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Lines kept for `logs()`. Default 2000. */
  readonly logLines?: number;
  /** Kills the process (SIGKILL) after the test and prints its logs if the test failed. */
  readonly t?: TestHooks;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  /** The line `readyLine` matched, if any. */
  readonly readyLine: LogLine | undefined;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ServiceExit>;
  readonly running: boolean;
  /** The last lines of stdout and stderr, interleaved as received. */
  logs(): string;
  /** Every line received from now on (not only the ring buffer's). Returns an unsubscribe. */
  onLine(listener: (line: LogLine) => void): () => void;
  /** The first line (in the buffer or later) that matches; rejects on timeout or exit. */
  waitForLine(matcher: LineMatcher, options?: { readonly timeoutMs?: number }): Promise<LogLine>;
  /**
   * Sends `signal` (default SIGTERM) and waits up to `deadlineMs` (default 15 000) for the exit;
   * past it the process is killed and the result says so (`signal: 'SIGKILL'`).
   */
  stop(signal?: NodeJS.Signals, deadlineMs?: number): Promise<ServiceExit>;
  /** SIGKILL to the process group; resolves once it has exited. */
  kill9(): Promise<ServiceExit>;
}

const MAX_LINE_CHARS = 8_192;
const READY_POLL_MS = 50;
const DEFAULT_READY_TIMEOUT_MS = 30_000;
const DEFAULT_STOP_DEADLINE_MS = 15_000;
const TAIL_IN_ERRORS = 40;
const STREAMS_CLOSE_GRACE_MS = 1_000;

/** Children still alive, killed synchronously if the test process exits first. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

/** Signals the child's process group (it is spawned detached, so it leads one). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/** A TCP port free on 127.0.0.1 right now (bind 0, read, close). Prefer port 0 when a service prints its address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function matches(matcher: LineMatcher, line: LogLine): boolean {
  if (typeof matcher === 'function') return matcher(line);
  if (matcher instanceof RegExp) return matcher.test(line.text);
  return line.record === undefined ? line.text.includes(matcher) : line.record.msg === matcher;
}

function parseRecord(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describeExit(exit: ServiceExit): string {
  return exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
}

/** Starts one service process and resolves once it is ready (rejects with its log tail otherwise). */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  installExitHook();
  const cwd = options.cwd ?? REPO_ROOT;
  const imports = ['tsx', ...(options.imports ?? [])].flatMap((specifier) => [
    '--import',
    resolveFromRepo(specifier),
  ]);
  const child = spawn(
    process.execPath,
    [...imports, '--conditions=@palyra/source', options.entry, ...(options.args ?? [])],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches anything it spawned too.
      detached: true,
    },
  );
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`${options.name}: could not spawn ${options.entry}: ${error.message}`);
  }
  const pid = child.pid;
  live.add(child);

  const capacity = options.logLines ?? 2_000;
  const ring: LogLine[] = [];
  const listeners = new Set<(line: LogLine) => void>();
  const receive = (stream: LogLine['stream'], raw: string): void => {
    const text = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}...` : raw;
    const line: LogLine = { stream, text, record: parseRecord(raw) };
    ring.push(line);
    if (ring.length > capacity) ring.splice(0, ring.length - capacity);
    for (const listener of [...listeners]) listener(line);
  };
  const stdout = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Infinity });
  const stderr = createInterface({ input: child.stderr as NodeJS.ReadableStream, crlfDelay: Infinity });
  stdout.on('line', (text) => receive('stdout', text));
  stderr.on('line', (text) => receive('stderr', text));
  const streamsClosed = Promise.all([
    new Promise<void>((resolve) => stdout.once('close', resolve)),
    new Promise<void>((resolve) => stderr.once('close', resolve)),
  ]);

  let exitResult: ServiceExit | undefined;
  const exited = new Promise<ServiceExit>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exitResult = { code, signal };
      // Deliver the last lines (often the reason of a crash) before reporting the exit, unless
      // something else still holds the pipes open.
      const settle = () => resolve({ code, signal });
      void streamsClosed.then(settle);
      setTimeout(settle, STREAMS_CLOSE_GRACE_MS).unref();
    });
  });

  const logs = (): string =>
    ring.map((line) => (line.stream === 'stderr' ? `! ${line.text}` : line.text)).join('\n');
  const tail = (): string =>
    ring
      .slice(-TAIL_IN_ERRORS)
      .map((line) => line.text)
      .join('\n');

  const onLine = (listener: (line: LogLine) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  const waitForLine = (
    matcher: LineMatcher,
    { timeoutMs = DEFAULT_READY_TIMEOUT_MS } = {},
  ): Promise<LogLine> => {
    const found = ring.find((line) => matches(matcher, line));
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`${options.name}: no log line matching ${String(matcher)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = onLine((line) => {
        if (!matches(matcher, line)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(line);
      });
      void exited.then((exit) => {
        clearTimeout(timer);
        unsubscribe();
        reject(
          new Error(
            `${options.name} exited (${describeExit(exit)}) before a line matching ${String(matcher)}:\n${tail()}`,
          ),
        );
      });
    });
  };

  const stop = async (
    signal: NodeJS.Signals = 'SIGTERM',
    deadlineMs = DEFAULT_STOP_DEADLINE_MS,
  ): Promise<ServiceExit> => {
    if (exitResult !== undefined) return exitResult;
    // The process itself, not its group: the service handles the signal (drain) for its children.
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<'overrun'>((resolve) => {
      timer = setTimeout(() => resolve('overrun'), deadlineMs);
    });
    const first = await Promise.race([exited, overrun]);
    clearTimeout(timer);
    if (first !== 'overrun') return first;
    killGroup(child, 'SIGKILL');
    return exited;
  };

  const kill9 = (): Promise<ServiceExit> => {
    killGroup(child, 'SIGKILL');
    return exited;
  };

  let readyLine: LogLine | undefined;
  const service: ServiceProcess = {
    name: options.name,
    pid,
    get readyLine() {
      return readyLine;
    },
    exited,
    get running() {
      return exitResult === undefined;
    },
    logs,
    onLine,
    waitForLine,
    stop,
    kill9,
  };

  const t = options.t;
  if (t !== undefined) {
    t.after(async () => {
      if (testFailed(t)) printServiceLogs(service);
      await kill9();
    });
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  try {
    if (options.readyLine !== undefined) {
      readyLine = await waitForLine(options.readyLine, { timeoutMs });
    }
    if (options.readyUrl !== undefined) {
      const url = typeof options.readyUrl === 'function' ? options.readyUrl(readyLine) : options.readyUrl;
      await pollUntilOk(url, deadline, exited, options.name);
    }
    return service;
  } catch (error) {
    await kill9();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.name} did not become ready: ${reason}\n--- last lines ---\n${tail()}`);
  }
}

/** Bare `--import` specifiers resolved here (the workspace's node_modules), so any `cwd` works. */
function resolveFromRepo(specifier: string): string {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:'))
    return specifier;
  return import.meta.resolve(specifier);
}

async function pollUntilOk(url: string, deadline: number, exited: Promise<ServiceExit>, name: string) {
  let exit: ServiceExit | undefined;
  void exited.then((result) => {
    exit = result;
  });
  let last = 'no answer yet';
  for (;;) {
    if (exit !== undefined) throw new Error(`${name} exited (${describeExit(exit)}) while polling ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready in time (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}

/** Writes a service's buffered logs to stderr, framed with its name and pid. */
export function printServiceLogs(service: ServiceProcess): void {
  process.stderr.write(
    `\n----- logs of ${service.name} (pid ${service.pid}) -----\n${service.logs()}\n----- end of ${service.name} -----\n`,
  );
}

/**
 * Prints the logs of `services` (evaluated at the end, so processes started later count) after
 * the test if it failed. `startService({ t })` already does this for its own process.
 */
export function dumpLogsOnFailure(
  t: TestHooks,
  services: Iterable<ServiceProcess> | (() => Iterable<ServiceProcess>),
): void {
  t.after(() => {
    if (!testFailed(t)) return;
    for (const service of typeof services === 'function' ? services() : services) printServiceLogs(service);
  });
}

export interface RunCommandOptions {
  readonly entry: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Default 60 000 ms; past it the command is killed and the promise rejects. */
  readonly timeoutMs?: number;
}

export interface CommandResult extends ServiceExit {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a TypeScript entry to completion (e.g. the `palyra` CLI) and collects its output. */
export async function runCommand(options: RunCommandOptions): Promise<CommandResult> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      resolveFromRepo('tsx'),
      '--conditions=@palyra/source',
      options.entry,
      ...(options.args ?? []),
    ],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise<CommandResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ClusterOptions {
  readonly gateways?: number;
  readonly orchestrators?: number;
  /** A `createTestDatabase()` result or a URL; the schema must be migrated already. */
  readonly database: string | { readonly url: string };
  readonly natsPrefix: string;
  readonly natsUrl?: string;
  /** Default: a random 32-character token. */
  readonly adminToken?: string;
  /** For every process (over the defaults: 127.0.0.1, port 0, info logs, a 3 s shutdown grace). */
  readonly env?: Readonly<Record<string, string>>;
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  readonly orchestratorEnv?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Kills every process after the test, printing all their logs if it failed. */
  readonly t?: TestHooks;
}

export interface GatewayProcess extends ServiceProcess {
  /** `127.0.0.1:<port>` of the gRPC server. */
  readonly grpcUrl: string;
  /** `http://127.0.0.1:<port>` of /healthz, /readyz, /metrics. */
  readonly httpUrl: string;
}

export interface OrchestratorProcess extends ServiceProcess {
  /** `http://127.0.0.1:<port>` of /healthz, /readyz, /metrics. */
  readonly httpUrl: string;
}

export interface Cluster {
  readonly adminToken: string;
  /** Every gateway started, in order (stopped ones included). */
  readonly gateways: readonly GatewayProcess[];
  readonly orchestrators: readonly OrchestratorProcess[];
  /** gRPC addresses of every gateway started, in order (a failover list for the SDK). */
  readonly urls: readonly string[];
  /** Every process started. */
  services(): ServiceProcess[];
  startGateway(env?: Readonly<Record<string, string>>): Promise<GatewayProcess>;
  startOrchestrator(env?: Readonly<Record<string, string>>): Promise<OrchestratorProcess>;
  /** SIGKILLs every process still running (fast; the test drops the database and streams). */
  stop(): Promise<void>;
}

/** A random admin token of 32 characters. */
export function randomAdminToken(): string {
  return `palyra-test-${randomBytes(10).toString('hex')}`;
}

function printedUrl(line: LogLine | undefined, field: string, service: string): string {
  const value = line?.record?.[field];
  if (typeof value !== 'string') throw new Error(`${service}: the ready line has no ${field} address`);
  const address = value.replace(/^https?:\/\//, '');
  const port = address.split(':').at(-1);
  return `127.0.0.1:${port}`;
}

/**
 * Starts standalone gateways and orchestrators (their `src/main.ts`) on one database and one NATS
 * stream prefix, each on ephemeral 127.0.0.1 ports (read from their printed addresses), and
 * resolves when all answer 200 on /readyz. Gateways start first: each replica ensures the NATS
 * topology at connect, and the orchestrators' run settings (ack wait) must be the last word.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const adminToken = options.adminToken ?? randomAdminToken();
  const databaseUrl = typeof options.database === 'string' ? options.database : options.database.url;
  const common: Record<string, string> = {
    PALYRA_DATABASE_URL: databaseUrl,
    PALYRA_NATS_URL: options.natsUrl ?? natsTestServers(),
    PALYRA_NATS_STREAM_PREFIX: options.natsPrefix,
    PALYRA_DAEMON_BIND_ADDR: '127.0.0.1',
    PALYRA_DAEMON_PORT: '0',
    PALYRA_LOG_LEVEL: 'info',
    PALYRA_SHUTDOWN_GRACE_MS: '3000',
    PALYRA_DATABASE_POOL_SIZE: '5',
    ...options.env,
  };
  const gateways: GatewayProcess[] = [];
  const orchestrators: OrchestratorProcess[] = [];
  let gatewayCount = 0;
  let orchestratorCount = 0;
  const timeoutMs = options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const t = options.t;
  if (t !== undefined) {
    dumpLogsOnFailure(t, () => [...gateways, ...orchestrators]);
    t.after(() => cluster.stop());
  }

  const launchGateway = async (env: Readonly<Record<string, string>>): Promise<GatewayProcess> => {
    gatewayCount += 1;
    const name = `gateway-${gatewayCount}`;
    const service = await startService({
      name,
      entry: 'services/gateway/src/main.ts',
      env: {
        ...common,
        PALYRA_ADMIN_TOKEN: adminToken,
        PALYRA_GATEWAY_GRPC_BIND_ADDR: '127.0.0.1',
        PALYRA_GATEWAY_GRPC_PORT: '0',
        ...options.gatewayEnv,
        ...env,
      },
      readyLine: 'gateway listening',
      readyUrl: (line) => `http://${printedUrl(line, 'http', name)}/readyz`,
      timeoutMs,
    });
    return Object.assign(service, {
      grpcUrl: printedUrl(service.readyLine, 'grpc', name),
      httpUrl: `http://${printedUrl(service.readyLine, 'http', name)}`,
    });
  };
  const launchOrchestrator = async (env: Readonly<Record<string, string>>): Promise<OrchestratorProcess> => {
    orchestratorCount += 1;
    const name = `orchestrator-${orchestratorCount}`;
    const service = await startService({
      name,
      entry: 'services/orchestrator/src/main.ts',
      env: { ...common, ...options.orchestratorEnv, ...env },
      readyLine: 'orchestrator ready',
      readyUrl: (line) => `http://${printedUrl(line, 'address', name)}/readyz`,
      timeoutMs,
    });
    return Object.assign(service, {
      httpUrl: `http://${printedUrl(service.readyLine, 'address', name)}`,
    });
  };
  /** Starts `count` at once and keeps them in start order; on any failure, the failure wins. */
  const launchAll = async <P extends ServiceProcess>(
    count: number,
    launch: () => Promise<P>,
    into: P[],
  ): Promise<void> => {
    const results = await Promise.allSettled(Array.from({ length: count }, launch));
    for (const result of results) if (result.status === 'fulfilled') into.push(result.value);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  };

  const cluster: Cluster = {
    adminToken,
    gateways,
    orchestrators,
    get urls() {
      return gateways.map((gateway) => gateway.grpcUrl);
    },
    services: () => [...gateways, ...orchestrators],
    async startGateway(env = {}) {
      const gateway = await launchGateway(env);
      gateways.push(gateway);
      return gateway;
    },
    async startOrchestrator(env = {}) {
      const orchestrator = await launchOrchestrator(env);
      orchestrators.push(orchestrator);
      return orchestrator;
    },
    async stop() {
      await Promise.all([...gateways, ...orchestrators].map((service) => service.kill9()));
    },
  };

  try {
    await launchAll(options.gateways ?? 2, () => launchGateway({}), gateways);
    await launchAll(options.orchestrators ?? 2, () => launchOrchestrator({}), orchestrators);
  } catch (error) {
    if (t === undefined) await cluster.stop();
    throw error;
  }
  return cluster;
}

/**
 * Sums the samples of `name` in a Prometheus text exposition whose labels include `labels`
 * (no labels: every sample of it). 0 when there is none.
 */
export function metricValue(
  exposition: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (match === null || match[1] !== name) continue;
    const sampleLabels = new Map(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map(
        (label) => [label[1], label[2]] as const,
      ),
    );
    if (Object.entries(labels).every(([key, value]) => sampleLabels.get(key) === value)) {
      total += Number(match[3]);
    }
  }
  return total;
}
