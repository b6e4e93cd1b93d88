import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import {
  type GatewayServiceClient,
  type GatewayServiceHandlers,
  loadPalyraGrpcObject,
  loadPalyraPackageDefinition,
  type RunStreamEvent,
  type RunStreamEvent__Output,
  type RunStreamRequest,
  type RunStreamRequest__Output,
} from '@palyra/proto';

const TIMEOUT_MS = 10_000;

// Above 2^32, so a 32-bit truncation on the way would show.
const TIMESTAMP_UNIX_MS = 1_763_780_000_123;

interface Started {
  server: grpc.Server;
  address: string;
}

async function startServer(setup: (server: grpc.Server) => void): Promise<Started> {
  const server = new grpc.Server();
  setup(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
  return { server, address: `127.0.0.1:${port}` };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('the package definition is loaded once and cached', () => {
  assert.equal(loadPalyraPackageDefinition(), loadPalyraPackageDefinition());
  assert.equal(loadPalyraGrpcObject(), loadPalyraGrpcObject());
});

test('our additions are in the definition: seq, timestamp_unix_ms, resume_from_seq, DecideApproval', () => {
  const definition = loadPalyraPackageDefinition();
  for (const name of [
    'palyra.common.v1.RunStreamEvent',
    'palyra.gateway.v1.DecideApprovalRequest',
    'palyra.gateway.v1.DecideApprovalResponse',
  ]) {
    assert.ok(definition[name], `${name} missing`);
  }
  const decide = loadPalyraGrpcObject().palyra.gateway.v1.ApprovalsService.service.DecideApproval;
  assert.equal(decide.path, '/palyra.gateway.v1.ApprovalsService/DecideApproval');
  assert.equal(decide.requestStream, false);
  assert.equal(decide.responseStream, false);

  // Field 100 varint (tag 800 = a0 06), field 101 varint (tag 808 = a8 06).
  const runStream = loadPalyraGrpcObject().palyra.gateway.v1.GatewayService.service.RunStream;
  const eventBytes = runStream.responseSerialize({ v: 1, seq: 1, timestamp_unix_ms: 2 });
  assert.ok(eventBytes.includes(Buffer.from([0xa0, 0x06, 0x01])), 'seq is not field 100');
  assert.ok(eventBytes.includes(Buffer.from([0xa8, 0x06, 0x02])), 'timestamp_unix_ms is not field 101');
  const requestBytes = runStream.requestSerialize({ v: 1, resume_from_seq: 3 });
  assert.ok(requestBytes.includes(Buffer.from([0xa0, 0x06, 0x03])), 'resume_from_seq is not field 100');
});

test('a ReflectionService built from the package definition lists the Palyra services', async (t) => {
  const reflection = new ReflectionService(loadPalyraPackageDefinition());
  const { server, address } = await startServer((s) => reflection.addToServer(s));
  t.after(() => server.forceShutdown());

  // A plain reflection client over the wire, as grpcurl would use it.
  const reflectionProto = createRequire(import.meta.url).resolve(
    '@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto',
  );
  const reflectionPackage = grpc.loadPackageDefinition(loadSync(reflectionProto, { keepCase: true })) as {
    grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
  };
  const client = new reflectionPackage.grpc.reflection.v1.ServerReflection(
    address,
    grpc.credentials.createInsecure(),
  );
  t.after(() => client.close());

  const call = (
    client as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<object, unknown> }
  ).ServerReflectionInfo();
  const response = withTimeout(once(call, 'data'), 'the reflection response');
  call.write({ list_services: '' });
  call.end();
  const [message] = (await response) as [{ list_services_response?: { service: { name: string }[] } }];

  const names = message.list_services_response?.service.map((service) => service.name) ?? [];
  for (const expected of [
    'palyra.gateway.v1.GatewayService',
    'palyra.gateway.v1.ApprovalsService',
    'palyra.gateway.v1.VaultService',
    'palyra.cron.v1.CronService',
    'palyra.memory.v1.MemoryService',
  ]) {
    assert.ok(names.includes(expected), `${expected} not listed; got ${names.join(', ')}`);
  }
});

test('RunStream carries seq, timestamp_unix_ms and resume_from_seq through grpc-js both ways', async (t) => {
  const received: RunStreamRequest__Output[] = [];
  // A bidi echo: each request comes back as an event numbered after its resume_from_seq.
  const runStream: GatewayServiceHandlers['RunStream'] = (call) => {
    call.on('data', (request) => {
      received.push(request);
      const event: RunStreamEvent = {
        v: 1,
        run_id: request.run_id,
        seq: request.resume_from_seq + 1,
        timestamp_unix_ms: TIMESTAMP_UNIX_MS,
        status: { kind: 'STATUS_KIND_DONE', message: 'echo' },
      };
      call.write(event);
    });
    call.on('end', () => call.end());
  };

  const grpcObject = loadPalyraGrpcObject();
  const { server, address } = await startServer((s) => {
    s.addService(grpcObject.palyra.gateway.v1.GatewayService.service, { RunStream: runStream });
  });
  t.after(() => server.forceShutdown());
  const client: GatewayServiceClient = new grpcObject.palyra.gateway.v1.GatewayService(
    address,
    grpc.credentials.createInsecure(),
  );
  t.after(() => client.close());

  const call = client.RunStream();
  const events: RunStreamEvent__Output[] = [];
  call.on('data', (event: RunStreamEvent__Output) => events.push(event));
  const ended = withTimeout(once(call, 'end'), 'the end of the stream');
  call.write({
    v: 1,
    run_id: { ulid: '01JD0000000000000000000000' },
    resume_from_seq: 41,
  } satisfies RunStreamRequest);
  call.end();
  await ended;

  assert.equal(received.length, 1);
  assert.equal(received[0]?.resume_from_seq, 41);
  assert.equal(events.length, 1);
  const [event] = events;
  assert.equal(event?.seq, 42);
  assert.equal(event?.timestamp_unix_ms, TIMESTAMP_UNIX_MS);
  // The decoded shape is what the generated __Output types promise under PROTO_LOADER_OPTIONS:
  // 64-bit ints as numbers, enums as names, the oneof member named, the id passed through.
  assert.equal(typeof event?.seq, 'number');
  assert.equal(event?.body, 'status');
  assert.equal(event?.status?.kind, 'STATUS_KIND_DONE');
  assert.deepEqual(event?.run_id, { ulid: '01JD0000000000000000000000' });
});

test('decoding fills proto3 defaults, as the generated __Output types declare', () => {
  const runStream = loadPalyraGrpcObject().palyra.gateway.v1.GatewayService.service.RunStream;
  const decoded = runStream.responseDeserialize(Buffer.alloc(0)) as RunStreamEvent__Output;
  assert.equal(decoded.v, 0);
  assert.equal(decoded.seq, 0);
  assert.equal(decoded.timestamp_unix_ms, 0);
  assert.equal(decoded.run_id, null);
  assert.equal(decoded.body, undefined);
});
