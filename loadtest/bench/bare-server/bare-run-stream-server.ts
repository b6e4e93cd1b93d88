// A minimal RunStream server, run as a child process of the bench so its CPU and memory are its own.
// It speaks our package definition with a trivial handler shaped like a Palyra run: the first
// client message is answered with ACCEPTED and IN_PROGRESS, then (when it carries input) the input
// echoed as chunks of 16 words (20 for the bench's 320 words): 22 events. When the client
// half-closes, DONE and the end of the call. This is the gRPC floor a gateway cannot beat.
import { Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { chunkWords } from '@palyra/core';
import { loadPalyraGrpcObject, type RunStreamEvent, type RunStreamRequest__Output } from '@palyra/proto';
import type { ChildReply, ChildRequest } from './protocol.js';

const CHUNK_WORDS = 16;

let activeStreams = 0;

function handleRunStream(call: ServerDuplexStream<RunStreamRequest__Output, RunStreamEvent>): void {
  activeStreams += 1;
  let seq = 0;
  let runId = '';
  let started = false;
  let finished = false;
  const event = (
    body: Omit<RunStreamEvent, 'v' | 'run_id' | 'seq' | 'timestamp_unix_ms'>,
  ): RunStreamEvent => {
    seq += 1;
    return { v: 1, run_id: { ulid: runId }, seq, timestamp_unix_ms: Date.now(), ...body };
  };
  const finish = (): void => {
    if (finished) return;
    finished = true;
    activeStreams -= 1;
  };
  call.on('data', (request: RunStreamRequest__Output) => {
    if (started) return;
    started = true;
    runId = request.run_id?.ulid ?? '';
    call.write(event({ status: { kind: 'STATUS_KIND_ACCEPTED', message: `accepted session=${runId}` } }));
    call.write(event({ status: { kind: 'STATUS_KIND_IN_PROGRESS', message: 'in progress' } }));
    const text = request.input?.content?.text ?? '';
    if (text === '') return;
    const chunks = chunkWords(text, CHUNK_WORDS);
    chunks.forEach((chunk, index) => {
      call.write(event({ model_token: { token: chunk, is_final: index === chunks.length - 1 } }));
    });
  });
  call.on('end', () => {
    if (!finished) call.write(event({ status: { kind: 'STATUS_KIND_DONE', message: 'done' } }));
    call.end();
    finish();
  });
  call.on('cancelled', finish);
  call.on('error', finish);
}

function reply(message: ChildReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const grpc = loadPalyraGrpcObject();
  const server = new Server({
    'grpc.max_receive_message_length': 4 * 1024 * 1024,
    'grpc.max_send_message_length': 4 * 1024 * 1024,
  });
  // Every other method answers UNIMPLEMENTED (grpc-js's default for a missing handler).
  server.addService(grpc.palyra.gateway.v1.GatewayService.service, { RunStream: handleRunStream });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });

  process.on('message', (message: ChildRequest) => {
    if (message.type === 'sample') {
      if (message.gc && typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
      }
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      reply({
        type: 'sample',
        id: message.id,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        externalBytes: memory.external,
        activeStreams,
      });
    } else if (message.type === 'stop') {
      server.forceShutdown();
      process.exit(0);
    }
  });
  // The bench died or finished without saying stop: never outlive it.
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
