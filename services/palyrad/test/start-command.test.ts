// `npm start` as a user runs it: the real palyrad process (its src/main.ts through tsx, with the
// telemetry entry, as the package's start script), the printed addresses and token, the real
// `palyra` CLI against it, SIGTERM, and a restart on the same state root.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { runCommand, type ServiceProcess, startService } from '@palyra/testkit';

const GRACE_MS = 5_000;
const ENTRY = 'services/palyrad/src/main.ts';

interface Printed {
  readonly grpc: string;
  readonly http: string;
  readonly token: string;
}

async function startPalyradProcess(t: TestContext, stateRoot: string, name: string): Promise<ServiceProcess> {
  return startService({
    name,
    entry: ENTRY,
    imports: ['@palyra/telemetry/instrumentation'],
    env: {
      PALYRA_STATE_ROOT: stateRoot,
      PALYRA_GATEWAY_GRPC_PORT: '0',
      PALYRA_DAEMON_PORT: '0',
      PALYRA_SHUTDOWN_GRACE_MS: String(GRACE_MS),
    },
    // The banner's last line: everything above it has been printed.
    readyLine: /^Ctrl-C stops palyrad/,
    timeoutMs: 60_000,
    t,
  });
}

/** Reads the banner the way a person would: the addresses and the export line. */
async function printed(service: ServiceProcess): Promise<Printed> {
  const grpc = /^\s+gRPC\s+(\S+)/.exec((await service.waitForLine(/^\s+gRPC\s+\S+/)).text)?.[1];
  const http = /^\s+HTTP\s+(\S+)/.exec((await service.waitForLine(/^\s+HTTP\s+\S+/)).text)?.[1];
  const token = /PALYRA_TOKEN=(\S+)/.exec((await service.waitForLine(/export PALYRA_TOKEN=/)).text)?.[1];
  assert.ok(grpc !== undefined && http !== undefined && token !== undefined, service.logs());
  return { grpc, http, token };
}

describe('palyrad start command', () => {
  it('prints its addresses and token, serves `palyra chat "hello"`, stops cleanly on SIGTERM and keeps its token across restarts', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'palyrad-start-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const stateRoot = join(root, 'state');

    const first = await startPalyradProcess(t, stateRoot, 'palyrad-1');
    const { grpc, http, token } = await printed(first);
    assert.match(grpc, /^127\.0\.0\.1:\d+$/);
    assert.match(http, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(
      first.logs().includes(`export PALYRA_GRPC_URL=${grpc}`),
      'a non-default port is printed to export',
    );
    assert.ok(first.logs().includes('npx palyra chat "hello"'), 'the next command to try');
    assert.ok(first.logs().includes('x-palyra-device-id'), 'how to authenticate');

    const tokenFile = join(stateRoot, 'admin-token');
    assert.equal((await readFile(tokenFile, 'utf8')).trim(), token, 'the printed token is the saved one');
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
    const ready = await first.waitForLine('palyrad ready');
    assert.equal(ready.record?.grpc, grpc, 'the addresses are logged too');
    assert.ok(!JSON.stringify(ready.record).includes(token), 'the log never carries the token');
    assert.equal((await fetch(`${http}/readyz`)).status, 200);

    const chat = await runCommand({
      entry: 'services/cli/bin/palyra.mjs',
      args: ['chat', 'hello'],
      env: {
        HOME: root,
        PALYRA_CLI_CONFIG: join(root, 'cli.json'),
        PALYRA_GRPC_URL: grpc,
        PALYRA_TOKEN: token,
      },
      timeoutMs: 60_000,
    });
    assert.equal(chat.code, 0, chat.stderr);
    assert.equal(chat.stdout, 'hello\n', 'stdout is the streamed answer');

    const stopStartedAt = Date.now();
    const exit = await first.stop('SIGTERM', GRACE_MS + 5_000);
    assert.deepEqual(exit, { code: 0, signal: null }, first.logs());
    assert.ok(Date.now() - stopStartedAt < GRACE_MS, 'stopped within the grace');
    await first.waitForLine('palyrad stopped');

    const second = await startPalyradProcess(t, stateRoot, 'palyrad-2');
    assert.equal((await printed(second)).token, token, 'the same admin token after a restart');
    assert.ok(second.logs().includes('Admin token (kept in'), second.logs());
    assert.deepEqual(await second.stop('SIGTERM', GRACE_MS + 5_000), { code: 0, signal: null });
  });

  it('exits 1 naming every bad variable before starting anything', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'palyrad-start-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const result = await runCommand({
      entry: ENTRY,
      env: {
        PALYRA_STATE_ROOT: join(root, 'state'),
        PALYRA_GATEWAY_GRPC_PORT: 'seven',
        PALYRA_DATABASE_URL: 'mysql://nope',
      },
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /invalid configuration: 2 environment variables/);
    assert.match(result.stderr, /PALYRA_GATEWAY_GRPC_PORT/);
    assert.match(result.stderr, /PALYRA_DATABASE_URL/);
  });
});
