import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { createInProcessBus } from '@palyra/bus';
import { silentLogger } from '@palyra/core';
import type { Repositories } from '@palyra/journal';
import { createDeterministicProvider } from '@palyra/providers';
import { createMetrics } from '@palyra/telemetry';
import { singleProviderRuntime } from '../src/agent-runtime.js';
import { createOrchestrator, type Orchestrator } from '../src/app.js';
import { TEST_SETTINGS, TEST_TOOL_SETTINGS } from './harness.js';

function orchestrator(t: TestContext, ping: () => Promise<void> = () => Promise.resolve()): Orchestrator {
  const bus = createInProcessBus();
  // No run is executed here: the repositories are never touched.
  const repositories = {} as Pick<Repositories, 'runs' | 'journal' | 'agents' | 'approvals'>;
  const app = createOrchestrator({
    repositories,
    bus,
    database: { ping },
    runtime: singleProviderRuntime(createDeterministicProvider(), TEST_TOOL_SETTINGS),
    logger: silentLogger,
    metrics: createMetrics({ defaultMetrics: false }),
    settings: TEST_SETTINGS,
  });
  t.after(async () => {
    await app.close();
    await bus.close();
  });
  return app;
}

describe('orchestrator HTTP', () => {
  it('/healthz answers ok whether or not the dependencies are reachable', async (t) => {
    const app = orchestrator(t, () => Promise.reject(new Error('down')));
    const response = await app.http.inject({ method: 'GET', url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('/readyz is 503 until started, 200 when the database and bus answer, 503 while draining', async (t) => {
    const app = orchestrator(t);
    const before = await app.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(before.statusCode, 503);
    assert.deepEqual(before.json(), { status: 'not_ready', reason: 'starting' });
    app.start();
    const ready = await app.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
    await app.drain(1_000);
    const draining = await app.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(draining.statusCode, 503);
    assert.deepEqual(draining.json(), { status: 'not_ready', reason: 'draining' });
  });

  it('/readyz names the dependency that does not answer', async (t) => {
    const app = orchestrator(t, () => Promise.reject(new Error('connection refused')));
    app.start();
    const response = await app.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), { status: 'not_ready', reason: 'database: connection refused' });
  });

  it('/metrics exposes the run metrics in the Prometheus text format', async (t) => {
    const app = orchestrator(t);
    const response = await app.http.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    for (const name of [
      'palyra_runs_total',
      'palyra_run_duration_seconds',
      'palyra_time_to_first_token_seconds',
      'palyra_journal_append_seconds',
      'palyra_run_events_total',
      'palyra_runs_in_flight',
      'palyra_run_redeliveries_total',
    ]) {
      assert.match(response.body, new RegExp(`# TYPE ${name} `), name);
    }
  });
});
