import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type ClientDuplexStream,
  credentials,
  loadPackageDefinition,
  makeGenericClientConstructor,
  type ServiceClientConstructor,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { newId } from '@palyra/core';
import { service as healthService } from 'grpc-health-check';
import {
  DONE,
  firstMessage,
  HARNESS_KINDS,
  IN_PROGRESS,
  openHarness,
  openStream,
  tokens,
  unary,
} from './harness.js';

type HealthClient = InstanceType<ServiceClientConstructor> & {
  Check(
    request: { service: string },
    callback: (error: ServiceError | null, response?: { status: string }) => void,
  ): void;
};

function healthClient(target: string): HealthClient {
  const Health = makeGenericClientConstructor(healthService, 'Health');
  return new Health(target, credentials.createInsecure()) as HealthClient;
}

async function listServices(target: string): Promise<string[]> {
  const reflectionDir = dirname(createRequire(import.meta.url).resolve('@grpc/reflection'));
  const definition = loadSync(
    join(reflectionDir, '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto'),
    {
      keepCase: true,
    },
  );
  const grpcObject = loadPackageDefinition(definition) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: ServiceClientConstructor } } };
  };
  const client = new grpcObject.grpc.reflection.v1.ServerReflection(target, credentials.createInsecure());
  try {
    const call = (
      client as unknown as { ServerReflectionInfo(): ClientDuplexStream<object, unknown> }
    ).ServerReflectionInfo();
    const response = await new Promise<{ list_services_response?: { service: { name: string }[] } }>(
      (resolve, reject) => {
        call.on('data', resolve);
        call.on('error', reject);
        call.write({ list_services: '' });
      },
    );
    call.end();
    return (response.list_services_response?.service ?? []).map((service) => service.name);
  } finally {
    client.close();
  }
}

for (const kind of HARNESS_KINDS) {
  describe(`gateway lifecycle (${kind})`, () => {
    it('serves /healthz, /readyz and /metrics', async (t) => {
      const harness = await openHarness(t, kind);
      const { gateway } = await harness.startGateway();
      const healthz = await gateway.http.inject({ method: 'GET', url: '/healthz' });
      assert.equal(healthz.statusCode, 200);
      assert.deepEqual(healthz.json(), { status: 'ok' });
      const readyz = await gateway.http.inject({ method: 'GET', url: '/readyz' });
      assert.equal(readyz.statusCode, 200);
      assert.deepEqual(readyz.json(), {
        status: 'ready',
        checks: { database: 'ok', bus: 'ok', draining: false },
      });
      const metrics = await gateway.http.inject({ method: 'GET', url: '/metrics' });
      assert.equal(metrics.statusCode, 200);
      assert.match(String(metrics.headers['content-type']), /^text\/plain/);
      for (const name of [
        'palyra_active_streams',
        'palyra_run_streams_total',
        'palyra_grpc_requests_total',
        'palyra_grpc_request_duration_seconds',
        'palyra_stream_catchups_total',
        'palyra_runs_admitted_total',
      ]) {
        assert.match(metrics.body, new RegExp(`# TYPE ${name} `));
      }
      const missing = await gateway.http.inject({ method: 'GET', url: '/nope' });
      assert.equal(missing.statusCode, 404);
    });

    it('answers /readyz 503 with the reason when the bus is unreachable', async (t) => {
      const harness = await openHarness(t, kind);
      const { gateway, bus } = await harness.startGateway();
      await bus.close();
      const readyz = await gateway.http.inject({ method: 'GET', url: '/readyz' });
      assert.equal(readyz.statusCode, 503);
      assert.deepEqual(readyz.json(), {
        status: 'not_ready',
        reason: 'bus unreachable',
        checks: { database: 'ok', bus: 'unreachable', draining: false },
      });
    });

    it('exposes grpc.health.v1 and server reflection', async (t) => {
      const harness = await openHarness(t, kind);
      const { target } = await harness.startGateway();
      const health = healthClient(target);
      t.after(() => health.close());
      const checked = await unary<{ status: string }>((done) => health.Check({ service: '' }, done));
      assert.equal(checked.status, 'SERVING');
      const services = await listServices(target);
      for (const name of [
        'palyra.gateway.v1.GatewayService',
        'palyra.journal.v1.JournalService',
        'grpc.health.v1.Health',
      ]) {
        assert.ok(services.includes(name), `reflection lists ${name}: ${services.join(', ')}`);
      }
    });

    it('drains: open streams get the resume seq then UNAVAILABLE, new streams are refused, readiness is false', async (t) => {
      const harness = await openHarness(t, kind);
      const draining = await harness.startGateway({ shutdownDelayMs: 30_000 });
      const other = await harness.startGateway();
      const worker = await harness.worker();
      const identity = harness.identity();
      const runId = newId();
      const stream = openStream(draining.client(), harness.metadata(identity));
      stream.send(firstMessage(runId, 'hi', { session_key: 'drain' }));
      const job = await worker.nextJob();
      await worker.emit(job, [IN_PROGRESS]);
      await stream.next('ACCEPTED');
      await stream.next('IN_PROGRESS');
      const health = healthClient(draining.target);
      t.after(() => health.close());

      const drained = draining.gateway.drain(60_000);
      const notice = await stream.next('drain notice');
      const expected = 'gateway draining: reconnect with resume_from_seq=2';
      assert.equal(notice.seq, 2, 'the notice carries the last seq the client has');
      assert.deepEqual(notice.status, { kind: 'STATUS_KIND_IN_PROGRESS', message: expected });
      const ended = await stream.status;
      assert.deepEqual([ended.code, ended.details], [status.UNAVAILABLE, expected]);

      const refused = openStream(draining.client(), harness.metadata(identity));
      refused.send(firstMessage(newId(), 'late'));
      const refusal = await refused.status;
      assert.deepEqual(
        [refusal.code, refusal.details],
        [status.UNAVAILABLE, 'gateway is draining; retry on another replica'],
      );
      const readyz = await draining.gateway.http.inject({ method: 'GET', url: '/readyz' });
      assert.equal(readyz.statusCode, 503);
      assert.equal(readyz.json().reason, 'draining');
      const checked = await unary<{ status: string }>((done) => health.Check({ service: '' }, done));
      assert.equal(checked.status, 'NOT_SERVING');
      // Unary calls are still answered while the listener stays open.
      const stillServed = await unary<{ status: string }>((done) =>
        draining.client().GetHealth({ v: 1 }, done),
      );
      assert.equal(stillServed.status, 'ok');

      // The client resumes on another replica from the seq it was given.
      await worker.emit(job, [...tokens('after drain'), DONE]);
      const resumed = openStream(other.client(), harness.metadata(identity));
      resumed.send({
        v: 1,
        run_id: { ulid: runId },
        session_id: { ulid: job.sessionId },
        resume_from_seq: 2,
      });
      assert.equal((await resumed.status).code, status.OK);
      assert.deepEqual(
        resumed.events.map((event) => event.seq),
        [3, 4],
      );

      await draining.gateway.close();
      await drained;
      assert.equal(draining.gateway.openStreams, 0);
    });
  });
}
