import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { register as globalRegistry } from 'prom-client';
import { createMetrics, metricsContentType } from './metrics.js';

describe('createMetrics', () => {
  test('declared metrics appear in the registry output with their labels', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const runs = metrics.counter({
      name: 'palyra_runs_total',
      help: 'Runs finished, by outcome.',
      labelNames: ['outcome'],
    });
    const duration = metrics.histogram({
      name: 'palyra_run_duration_seconds',
      help: 'Run wall clock.',
      buckets: [0.1, 1, 10],
    });
    const streams = metrics.gauge({ name: 'palyra_active_streams', help: 'Open RunStreams.' });
    runs.inc({ outcome: 'done' });
    runs.inc({ outcome: 'done' });
    runs.inc({ outcome: 'failed' });
    duration.observe(0.5);
    streams.set(7);
    const text = await metrics.registry.metrics();
    assert.match(text, /^# HELP palyra_runs_total Runs finished, by outcome\.$/m);
    assert.match(text, /^# TYPE palyra_runs_total counter$/m);
    assert.match(text, /^palyra_runs_total\{outcome="done"\} 2$/m);
    assert.match(text, /^palyra_runs_total\{outcome="failed"\} 1$/m);
    assert.match(text, /^palyra_run_duration_seconds_bucket\{le="1"\} 1$/m);
    assert.match(text, /^palyra_run_duration_seconds_count 1$/m);
    assert.match(text, /^palyra_active_streams 7$/m);
  });

  test('gauges can be computed at scrape time', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let pending = 3;
    metrics.gauge({
      name: 'palyra_consumer_pending_messages',
      help: 'Messages waiting for the consumer.',
      labelNames: ['consumer'],
      collect: (gauge) => gauge.set({ consumer: 'orchestrator-runs' }, pending),
    });
    assert.match(
      await metrics.registry.metrics(),
      /palyra_consumer_pending_messages\{consumer="orchestrator-runs"\} 3/,
    );
    pending = 5;
    assert.match(
      await metrics.registry.metrics(),
      /palyra_consumer_pending_messages\{consumer="orchestrator-runs"\} 5/,
    );
  });

  test('two registries do not share metrics, and the global registry stays empty', async () => {
    const first = createMetrics({ defaultMetrics: false });
    const second = createMetrics({ defaultMetrics: false });
    first.counter({ name: 'palyra_tokens_total', help: 'Tokens.' }).inc(5);
    // The same name on another registry is a different metric, not a duplicate registration.
    second.counter({ name: 'palyra_tokens_total', help: 'Tokens.' }).inc(1);
    second.gauge({ name: 'palyra_budget_limit', help: 'Budget limit.' });
    assert.match(await first.registry.metrics(), /^palyra_tokens_total 5$/m);
    assert.match(await second.registry.metrics(), /^palyra_tokens_total 1$/m);
    assert.doesNotMatch(await first.registry.metrics(), /palyra_budget_limit/);
    assert.equal(globalRegistry.getSingleMetric('palyra_tokens_total'), undefined);
  });

  test('a name declared twice on one registry is an error', () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.counter({ name: 'palyra_runs_total', help: 'Runs.' });
    assert.throws(
      () => metrics.counter({ name: 'palyra_runs_total', help: 'Runs.' }),
      /already been registered/,
    );
  });

  test('names must be palyra_ lower snake case; counters end in _total', () => {
    const metrics = createMetrics({ defaultMetrics: false });
    assert.throws(() => metrics.gauge({ name: 'palyra_Active', help: 'x' }), /lower snake case/);
    // @ts-expect-error counters must end in _total
    assert.throws(() => metrics.counter({ name: 'palyra_runs', help: 'x' }), /lower snake case|_total/);
    // @ts-expect-error names must start with palyra_
    assert.throws(() => metrics.histogram({ name: 'run_seconds', help: 'x' }), /palyra_/);
  });

  test('includes default Node metrics and default labels', async () => {
    const metrics = createMetrics({ defaultLabels: { service: 'gateway' } });
    metrics.counter({ name: 'palyra_runs_total', help: 'Runs.' }).inc();
    const text = await metrics.registry.metrics();
    assert.match(text, /^process_cpu_user_seconds_total\{service="gateway"\} /m);
    assert.match(text, /^nodejs_eventloop_lag_seconds\{service="gateway"\} /m);
    assert.match(text, /^palyra_runs_total\{service="gateway"\} 1$/m);
  });

  test('exposes the Prometheus text content type', () => {
    assert.equal(metricsContentType, 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(createMetrics({ defaultMetrics: false }).contentType, metricsContentType);
  });
});
