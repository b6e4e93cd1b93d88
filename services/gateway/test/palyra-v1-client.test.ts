// A client built only from the public Palyra v1 protocol facts (no field >= 100, no journal.proto)
// talks to the gateway: the wire stays compatible with existing Palyra clients.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ClientDuplexStream,
  credentials,
  type ServiceClientConstructor,
  type ServiceError,
  type StatusObject,
  status,
} from '@grpc/grpc-js';
import { newId } from '@palyra/core';
import { loadPalyraV1ReferenceGrpcObject } from '@palyra/testkit';
import { DONE, firstMessage, IN_PROGRESS, openHarness, tokens, unary } from './harness.js';

interface ReferenceEvent {
  readonly status?: { kind: string; message: string } | null;
  readonly model_token?: { token: string; is_final: boolean } | null;
}

type ReferenceClient = InstanceType<ServiceClientConstructor> & {
  GetHealth(
    request: object,
    callback: (error: ServiceError | null, response?: { status: string }) => void,
  ): void;
  RunStream(metadata: unknown): ClientDuplexStream<object, ReferenceEvent>;
};

describe('Palyra v1 reference client', () => {
  it('gets health and runs a stream against the gateway', async (t) => {
    const harness = await openHarness(t, 'postgres');
    const gateway = await harness.startGateway();
    const worker = await harness.worker();
    const grpcObject = loadPalyraV1ReferenceGrpcObject() as unknown as {
      palyra: { gateway: { v1: { GatewayService: ServiceClientConstructor } } };
    };
    const client = new grpcObject.palyra.gateway.v1.GatewayService(
      gateway.target,
      credentials.createInsecure(),
    ) as ReferenceClient;
    t.after(() => client.close());

    const health = await unary<{ status: string }>((done) => client.GetHealth({ v: 1 }, done));
    assert.equal(health.status, 'ok');

    const call = client.RunStream(harness.metadata(harness.identity()));
    const events: ReferenceEvent[] = [];
    call.on('data', (event: ReferenceEvent) => events.push(event));
    const ended = new Promise<StatusObject>((resolve) => call.on('status', resolve));
    call.on('error', () => {});
    call.write(firstMessage(newId(), 'hello'));
    call.end();
    const job = await worker.nextJob();
    await worker.emit(job, [IN_PROGRESS, ...tokens('hi ', 'there'), DONE]);
    assert.equal((await ended).code, status.OK);
    assert.deepEqual(
      events.map((event) => event.status?.kind ?? event.model_token?.token),
      ['STATUS_KIND_ACCEPTED', 'STATUS_KIND_IN_PROGRESS', 'hi ', 'there', 'STATUS_KIND_DONE'],
    );
  });
});
