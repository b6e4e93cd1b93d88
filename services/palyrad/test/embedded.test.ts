// palyrad in-process (startPalyrad, as main.ts composes it) on both storage/transport pairs: the
// embedded default (PGlite under a temp state root, in-process bus) and Postgres + NATS. Both run
// the same protocol suite through the public gRPC API; the rest checks what is palyrad's own.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPalyraClient } from '@palyra/client';
import { parseEnv } from '@palyra/config';
import { isPalyraError, newId } from '@palyra/core';
import { connectPostgres, migrate } from '@palyra/journal';
import { createMetrics, silentLogger } from '@palyra/telemetry';
import {
  cleanupNatsPrefix,
  createTestDatabase,
  natsTestServers,
  type TestDatabase,
  uniqueStreamPrefix,
} from '@palyra/testkit';
import { type PalyradConfig, palyradConfigSpec } from '../src/config.js';
import { type Palyrad, startPalyrad } from '../src/palyrad.js';
import { registerProtocolSuite } from './protocol-suite.js';

const STOP_DEADLINE_MS = 5_000;

/** Ephemeral ports and quiet logs over the embedded defaults. */
function configFor(env: Record<string, string>): PalyradConfig {
  return parseEnv(palyradConfigSpec, {
    PALYRA_GATEWAY_GRPC_PORT: '0',
    PALYRA_DAEMON_PORT: '0',
    PALYRA_SHUTDOWN_GRACE_MS: String(STOP_DEADLINE_MS),
    ...env,
  });
}

function start(config: PalyradConfig): Promise<Palyrad> {
  return startPalyrad(config, { logger: silentLogger, metrics: createMetrics({ defaultMetrics: false }) });
}

async function temporaryStateRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'palyrad-test-'));
}

describe('palyrad embedded (PGlite + in-process bus)', () => {
  let stateRoot: string;
  let palyrad: Palyrad;

  before(async () => {
    stateRoot = await temporaryStateRoot();
    palyrad = await start(configFor({ PALYRA_STATE_ROOT: stateRoot }));
  });
  after(async () => {
    await palyrad?.stop(STOP_DEADLINE_MS);
    await rm(stateRoot, { recursive: true, force: true });
  });

  registerProtocolSuite('protocol', async () => ({
    urls: [palyrad.grpcAddress],
    adminToken: palyrad.adminToken,
    // The enclosing describe owns the process.
    stop: async () => {},
  }));

  it('chose PGlite under the state root, the in-process bus and a generated admin token', () => {
    assert.equal(palyrad.database, 'pglite');
    assert.equal(palyrad.bus, 'in-process');
    assert.equal(palyrad.stateRoot, stateRoot);
    assert.equal(palyrad.adminTokenSource, 'generated');
    assert.equal(palyrad.adminTokenFile, join(stateRoot, 'admin-token'));
    assert.match(palyrad.grpcAddress, /^127\.0\.0\.1:\d+$/);
    assert.match(palyrad.httpAddress, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves /healthz, /readyz and one /metrics registry with gateway and orchestrator series', async () => {
    const healthz = await fetch(`${palyrad.httpAddress}/healthz`);
    assert.equal(healthz.status, 200);
    const readyz = await fetch(`${palyrad.httpAddress}/readyz`);
    assert.equal(readyz.status, 200, await readyz.clone().text());
    assert.deepEqual(((await readyz.json()) as { checks: unknown }).checks, {
      database: 'ok',
      bus: 'ok',
      draining: false,
    });
    const metrics = await (await fetch(`${palyrad.httpAddress}/metrics`)).text();
    assert.match(metrics, /^palyra_active_streams /m, 'gateway series');
    assert.match(metrics, /^palyra_runs_in_flight /m, 'orchestrator series');
    assert.match(metrics, /^palyra_runs_total\{outcome="done"\} [1-9]/m, 'runs of the suite were counted');
  });

  it('refuses a second palyrad on the same state root while the first runs', async () => {
    await assert.rejects(start(configFor({ PALYRA_STATE_ROOT: stateRoot })), (error: unknown) => {
      assert.ok(isPalyraError(error));
      assert.equal(error.code, 'FAILED_PRECONDITION');
      assert.match(error.message, /another palyrad \(pid \d+\) is using the state root/);
      return true;
    });
  });
});

describe('palyrad embedded restart', () => {
  it('keeps the admin token and the data on the same state root, and its listeners close on stop', async (t) => {
    const stateRoot = await temporaryStateRoot();
    t.after(() => rm(stateRoot, { recursive: true, force: true }));
    const first = await start(configFor({ PALYRA_STATE_ROOT: stateRoot }));
    const identity = { principal: 'user:restart', deviceId: newId() };
    const connect = (instance: Palyrad) =>
      createPalyraClient({ url: instance.grpcAddress, token: instance.adminToken, ...identity });

    const before = connect(first);
    const outcome = await before.chat('remember me', { sessionKey: 'restart' });
    before.close();
    assert.equal(outcome.status, 'DONE', outcome.message);
    await first.stop(STOP_DEADLINE_MS);
    await assert.rejects(fetch(`${first.httpAddress}/healthz`), 'the HTTP listener is closed');

    const second = await start(configFor({ PALYRA_STATE_ROOT: stateRoot }));
    t.after(() => second.stop(STOP_DEADLINE_MS));
    assert.equal(second.adminToken, first.adminToken);
    assert.equal(second.adminTokenSource, 'state-root');
    const later = connect(second);
    t.after(() => later.close());
    const resolved = await later.resolveSession({ sessionKey: 'restart', requireExisting: true });
    assert.equal(resolved.session.sessionId, outcome.sessionId);
    assert.equal(resolved.session.lastRunId, outcome.runId);
    assert.equal((await later.verifySessionChain(resolved.session.sessionId)).ok, true);
  });

  it('continues a run that was unfinished when it stopped: the in-process queue is rebuilt from the database', {
    timeout: 60_000,
  }, async (t) => {
    const stateRoot = await temporaryStateRoot();
    t.after(() => rm(stateRoot, { recursive: true, force: true }));
    const identity = { principal: 'user:requeue', deviceId: newId() };
    const first = await start(configFor({ PALYRA_STATE_ROOT: stateRoot }));
    const before = createPalyraClient({
      url: first.grpcAddress,
      token: first.adminToken,
      ...identity,
      resume: false,
    });
    // A run answered once and still open for more input: in_progress when palyrad stops.
    const run = before.openRun({ sessionKey: 'requeue', text: 'first turn' });
    for await (const event of run) {
      if (event.type === 'token' && event.isFinal) break;
    }
    const seenSeq = run.lastSeq;
    run.detach();
    before.close();
    await first.stop(STOP_DEADLINE_MS);

    const second = await start(configFor({ PALYRA_STATE_ROOT: stateRoot }));
    t.after(() => second.stop(STOP_DEADLINE_MS));
    const after = createPalyraClient({ url: second.grpcAddress, token: second.adminToken, ...identity });
    t.after(() => after.close());
    const resumed = after.openRun({ runId: run.runId, sessionId: run.sessionId, resumeFromSeq: seenSeq });
    resumed.send('second turn');
    resumed.halfClose();
    const outcome = await resumed.done;
    assert.equal(outcome.status, 'DONE', outcome.message);
    assert.equal(outcome.text, 'second turn');
    assert.equal((await after.verifySessionChain(run.sessionId ?? '')).ok, true);
  });

  it('uses PALYRA_ADMIN_TOKEN when set and writes no token file', async (t) => {
    const stateRoot = await temporaryStateRoot();
    t.after(() => rm(stateRoot, { recursive: true, force: true }));
    const palyrad = await start(
      configFor({ PALYRA_STATE_ROOT: stateRoot, PALYRA_ADMIN_TOKEN: 'an-operator-chosen-admin-token' }),
    );
    t.after(() => palyrad.stop(STOP_DEADLINE_MS));
    assert.equal(palyrad.adminToken, 'an-operator-chosen-admin-token');
    assert.equal(palyrad.adminTokenSource, 'environment');
    assert.equal(palyrad.adminTokenFile, undefined);
    assert.ok(!(await readdir(stateRoot)).includes('admin-token'));
  });
});

describe('palyrad on Postgres + NATS', () => {
  let stateRoot: string;
  let database: TestDatabase;
  let prefix: string;
  let palyrad: Palyrad | undefined;

  before(async () => {
    stateRoot = await temporaryStateRoot();
    database = await createTestDatabase();
    prefix = uniqueStreamPrefix();
  });
  after(async () => {
    await palyrad?.stop(STOP_DEADLINE_MS);
    await cleanupNatsPrefix(prefix);
    await database.drop();
    await rm(stateRoot, { recursive: true, force: true });
  });

  it('refuses to start while migrations are pending, naming PALYRA_AUTO_MIGRATE', async () => {
    await assert.rejects(
      start(configFor({ PALYRA_STATE_ROOT: stateRoot, PALYRA_DATABASE_URL: database.url })),
      (error: unknown) => {
        assert.ok(isPalyraError(error));
        assert.equal(error.code, 'SCHEMA_BEHIND');
        assert.match(error.message, /palyra migrate/);
        assert.match(error.message, /PALYRA_AUTO_MIGRATE=true/);
        return true;
      },
    );
  });

  registerProtocolSuite('protocol', async () => {
    // As an operator would: `palyra migrate` (the library here), then start.
    const owner = await connectPostgres({ url: database.url, poolSize: 1 });
    try {
      await migrate(owner);
    } finally {
      await owner.close();
    }
    palyrad = await start(
      configFor({
        PALYRA_STATE_ROOT: stateRoot,
        PALYRA_DATABASE_URL: database.url,
        PALYRA_DATABASE_POOL_SIZE: '5',
        PALYRA_NATS_URL: natsTestServers(),
        PALYRA_NATS_STREAM_PREFIX: prefix,
      }),
    );
    assert.deepEqual([palyrad.database, palyrad.bus], ['postgres', 'nats']);
    const running = palyrad;
    return {
      urls: [running.grpcAddress],
      adminToken: running.adminToken,
      stop: async () => {
        await running.stop(STOP_DEADLINE_MS);
        palyrad = undefined;
      },
    };
  });
});

describe('palyrad with PALYRA_AUTO_MIGRATE', () => {
  it('migrates an empty Postgres database at start', async (t) => {
    const stateRoot = await temporaryStateRoot();
    const database = await createTestDatabase();
    t.after(async () => {
      await database.drop();
      await rm(stateRoot, { recursive: true, force: true });
    });
    const palyrad = await start(
      configFor({
        PALYRA_STATE_ROOT: stateRoot,
        PALYRA_DATABASE_URL: database.url,
        PALYRA_DATABASE_POOL_SIZE: '2',
        PALYRA_AUTO_MIGRATE: 'true',
      }),
    );
    await palyrad.stop(STOP_DEADLINE_MS);
    assert.deepEqual([palyrad.database, palyrad.bus], ['postgres', 'in-process']);
  });
});
