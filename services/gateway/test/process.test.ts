// The real gateway process: main.ts as `npm start` runs it, against the local Postgres and NATS.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { connectPostgres, migrate } from '@palyra/journal';
import { type HealthResponse__Output, loadPalyraGrpcObject } from '@palyra/proto';
import { cleanupNatsPrefix, createTestDatabase, natsTestServers, uniqueStreamPrefix } from '@palyra/testkit';
import { ADMIN_TOKEN, unary } from './harness.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface LogLine {
  readonly level: string | number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

interface GatewayProcess {
  readonly child: ChildProcess;
  readonly lines: LogLine[];
  /** The first log line with this message. */
  line(message: string): Promise<LogLine>;
  readonly exit: Promise<number | null>;
  readonly stderr: () => string;
}

function startProcess(t: TestContext, env: Record<string, string>): GatewayProcess {
  // As `npm start` runs it: the TypeScript sources through tsx, with the telemetry bootstrap.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@palyra/source',
      '--import',
      '@palyra/telemetry/instrumentation',
      'src/main.ts',
    ],
    { cwd: packageDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const lines: LogLine[] = [];
  const waiters: { message: string; resolve(line: LogLine): void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.message === line.msg) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exit,
    stderr: () => stderr,
    line(message) {
      const found = lines.find((line) => line.msg === message);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<LogLine>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no '${message}' log line; stderr: ${stderr}`)),
          30_000,
        );
        waiters.push({
          message,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exit.then(() => {
          clearTimeout(timer);
          reject(new Error(`process exited before '${message}'; stderr: ${stderr}`));
        });
      });
    },
  };
}

async function baseEnv(t: TestContext, migrated: boolean): Promise<Record<string, string>> {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  if (migrated) {
    const handle = await connectPostgres({ url: database.url });
    await migrate(handle);
    await handle.close();
  }
  const prefix = uniqueStreamPrefix();
  t.after(async () => {
    await cleanupNatsPrefix(prefix);
  });
  return {
    PALYRA_DATABASE_URL: database.url,
    PALYRA_NATS_URL: natsTestServers(),
    PALYRA_NATS_STREAM_PREFIX: prefix,
    PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
    PALYRA_GATEWAY_GRPC_BIND_ADDR: '127.0.0.1',
    PALYRA_GATEWAY_GRPC_PORT: '0',
    PALYRA_DAEMON_BIND_ADDR: '127.0.0.1',
    PALYRA_DAEMON_PORT: '0',
    PALYRA_GIT_HASH: 'abc1234',
    PALYRA_SHUTDOWN_GRACE_MS: '5000',
  };
}

describe('gateway process', () => {
  it('starts, serves GetHealth and /readyz, and exits 0 after draining on SIGTERM', async (t) => {
    const gateway = startProcess(t, await baseEnv(t, true));
    const listening = await gateway.line('gateway listening');
    const grpcPort = Number(String(listening.grpc).split(':').at(-1));
    const httpPort = Number(String(listening.http).split(':').at(-1));
    const Service = loadPalyraGrpcObject().palyra.gateway.v1.GatewayService;
    const client = new Service(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
    t.after(() => client.close());
    const health = await unary<HealthResponse__Output>((done) => client.GetHealth({ v: 1 }, done));
    assert.deepEqual(
      [health.service, health.status, health.git_hash, health.build_profile, health.version],
      ['palyra-gateway', 'ok', 'abc1234', 'dev', '0.1.0'],
    );
    const readyz = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
    assert.equal(readyz.status, 200);

    // The configuration is logged once, secrets redacted.
    const loaded = await gateway.line('configuration loaded');
    assert.ok(!JSON.stringify(loaded).includes(ADMIN_TOKEN));

    gateway.child.kill('SIGTERM');
    assert.equal(await gateway.exit, 0, gateway.stderr());
    await gateway.line('gateway drained');
    await gateway.line('gateway stopped');
  });

  it('refuses to start on a schema behind the code, naming `palyra migrate`', async (t) => {
    const gateway = startProcess(t, await baseEnv(t, false));
    assert.equal(await gateway.exit, 1);
    const failed = await gateway.line('gateway failed to start');
    assert.equal(failed.code, 'SCHEMA_BEHIND');
    assert.match(JSON.stringify(failed.err), /database schema is behind: run `palyra migrate`/);
  });

  it('reports every bad variable at once and exits 1', async (t) => {
    const gateway = startProcess(t, {
      PALYRA_DATABASE_URL: 'mysql://nope',
      PALYRA_NATS_URL: '',
      PALYRA_GATEWAY_GRPC_PORT: 'seven',
    });
    assert.equal(await gateway.exit, 1);
    const stderr = gateway.stderr();
    for (const variable of ['PALYRA_DATABASE_URL', 'PALYRA_NATS_URL', 'PALYRA_GATEWAY_GRPC_PORT']) {
      assert.match(stderr, new RegExp(variable));
    }
  });
});
