import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { procTree, sleep } from './stats.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A service package is missing or has no entry point yet: the end-to-end section cannot run. */
export class ServicesMissingError extends Error {
  override readonly name = 'ServicesMissingError';
}

export const SERVICE_MODES = ['src', 'dist'] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];

export interface ServiceEntry {
  readonly name: string;
  readonly packageName: string;
  /** The package folder: the working directory, as under `npm run start -w`. */
  readonly packageDir: string;
  /** Arguments of node: its flags, then the entry file. */
  readonly nodeArgs: readonly string[];
  /** The npm script they come from. */
  readonly script: string;
}

/**
 * How to run `services/<name>` as its own process: the package's own `start` script (`src`, from
 * source through tsx, no build needed) or `start:dist` (`dist`, the compiled output, as the image
 * runs it), both of the form `node <flags> <entry>`. The bench runs that node command itself
 * instead of `npm run ...`, so the pid it watches is the service's, not npm's (CPU and RSS are
 * summed over the process tree anyway, which also covers helpers such as tsx's esbuild).
 */
export function locateService(name: string, mode: ServiceMode): ServiceEntry {
  const packageDir = join(REPOSITORY_ROOT, 'services', name);
  const packageFile = join(packageDir, 'package.json');
  if (!existsSync(packageFile)) {
    throw new ServicesMissingError(
      `services/${name}/package.json does not exist (is @palyra/${name} written yet?)`,
    );
  }
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as {
    name?: string;
    scripts?: Record<string, string>;
  };
  const packageName = manifest.name ?? `@palyra/${name}`;
  const scriptName = mode === 'dist' ? 'start:dist' : 'start';
  const script = manifest.scripts?.[scriptName];
  if (script === undefined)
    throw new ServicesMissingError(`${packageName} has no "${scriptName}" script yet`);
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) {
    throw new ServicesMissingError(
      `${packageName}'s "${scriptName}" script is not "node <flags> <entry>": ${script}`,
    );
  }
  const nodeArgs = words.slice(1);
  const entry = join(packageDir, nodeArgs[nodeArgs.length - 1] ?? '');
  if (!existsSync(entry)) {
    const hint = mode === 'dist' ? ' (run npm run build first)' : '';
    throw new ServicesMissingError(`${packageName} has no ${entry.slice(packageDir.length + 1)} yet${hint}`);
  }
  return { name, packageName, packageDir, nodeArgs, script: `${scriptName}: ${script}` };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface RunningService {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** The pid and its descendants, as of the last `refreshTree()`. */
  pids(): readonly number[];
  refreshTree(): void;
  /** Last lines of the service's log, for error messages. */
  logTail(lines?: number): string;
  hasExited(): boolean;
  stop(): Promise<void>;
}

/** Services still running; killed when the bench exits, however it exits (Ctrl-C included). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a service with its output in a log file (JSON logs would drown the table). */
export function startService(entry: ServiceEntry, env: NodeJS.ProcessEnv, logDir: string): RunningService {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${entry.name}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const output = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...entry.nodeArgs], {
    cwd: entry.packageDir,
    env,
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${entry.name} did not start`);
  running.add(child);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    }),
  );
  let tree: readonly number[] = [pid];
  return {
    name: entry.name,
    pid,
    logFile,
    pids: () => tree,
    refreshTree() {
      tree = procTree(pid);
    },
    logTail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    hasExited: () => exited,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => false), sleep(15_000).then(() => true)]);
      if (killed) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}

/** Polls `http://127.0.0.1:<port>/readyz` until it answers 2xx; fails early if the process exits. */
export async function waitUntilReady(
  service: RunningService,
  port: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (service.hasExited()) {
      throw new Error(`${service.name} exited before it was ready; log tail:\n${service.logTail()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
      last = `HTTP ${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(
    `${service.name} not ready within ${timeoutMs} ms (${last}); log tail:\n${service.logTail()}`,
  );
}
