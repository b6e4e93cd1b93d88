import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Envelope, json, useHttpTestbed } from './http-support.js';

describe('health and metrics over HTTP', () => {
  const testbed = useHttpTestbed();

  it('answer /healthz, /readyz and /metrics without credentials', async () => {
    const gateway = testbed().gateway();
    const health = await gateway.http.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual([health.statusCode, json(health)], [200, { status: 'ok' }]);
    const ready = await gateway.http.inject({ method: 'GET', url: '/readyz' });
    assert.deepEqual(
      [ready.statusCode, json(ready)],
      [200, { status: 'ready', checks: { database: 'ok', bus: 'ok', draining: false } }],
    );
    const metrics = await gateway.http.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(String(metrics.headers['content-type']), /^text\/plain/);
    assert.match(metrics.body, /^# HELP palyra_active_streams /m);
  });

  it('answer /readyz 503 with the reason while draining', async () => {
    const gateway = testbed().gateway();
    await gateway.drain(0);
    const ready = await gateway.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(json(ready), {
      status: 'not_ready',
      reason: 'draining',
      checks: { database: 'ok', bus: 'ok', draining: true },
    });
  });

  it('serve /metrics only on PALYRA_METRICS_PORT when it is set', async () => {
    const gateway = testbed().gateway({ settings: { metricsServer: { port: 0 } } });
    const ports = await gateway.listen();
    assert.equal(typeof ports.metricsPort, 'number');
    assert.notEqual(ports.metricsPort, ports.httpPort);

    const scrape = await fetch(`http://127.0.0.1:${ports.metricsPort}/metrics`);
    assert.equal(scrape.status, 200);
    assert.match(await scrape.text(), /^# HELP palyra_active_streams /m);
    const elsewhere = await fetch(`http://127.0.0.1:${ports.metricsPort}/admin/v1/status`);
    assert.equal(elsewhere.status, 404);
    assert.equal(((await elsewhere.json()) as Envelope).code, 'NOT_FOUND');

    const main = await fetch(`http://127.0.0.1:${ports.httpPort}/metrics`);
    assert.equal(main.status, 404);
    assert.equal(((await main.json()) as Envelope).code, 'NOT_FOUND');
    const health = await fetch(`http://127.0.0.1:${ports.httpPort}/healthz`);
    assert.equal(health.status, 200);
  });
});
