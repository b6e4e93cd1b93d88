import {
  AckPolicy,
  type JetStreamClient,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { newId } from '@palyra/core';
import { cleanupNatsPrefix, uniqueStreamPrefix } from '@palyra/testkit';
import { type BenchContext, pick } from '../context.js';
import { figure, type SectionResult } from '../report.js';
import { closedLoop, cpuMsOf, summarize } from '../stats.js';

const DURABLE = 'bench-work';
const nanos = (ms: number): number => ms * 1_000_000;
/** Gateways enqueueing at once; also the consumer's batch (a worker's free slots). */
const WINDOW = 64;

/**
 * JetStream as the RUNS queue uses it: a file-backed work-queue stream, publishes with
 * `Nats-Msg-Id` (dedupe), a durable pull consumer with explicit acks, and `ackAck` (the acked ack
 * RunDelivery.ack uses, one more round trip than a bare ack). Three phases: pickup latency (one
 * job at a time while a consumer waits, i.e. enqueue -> worker), publish throughput with 64 in
 * flight, then fetch + ack throughput of what was published.
 */
export async function measureJetStream(context: BenchContext): Promise<SectionResult> {
  const pickupCount = pick(context, { quick: 300, full: 3_000 });
  const publishCount = pick(context, { quick: 3_000, full: 30_000 });
  const prefix = uniqueStreamPrefix();
  const stream = `${prefix}_BENCH`;
  const subject = `${prefix.toLowerCase()}.bench.runs`;
  const connection = await connect({ servers: context.natsServers, name: 'palyra-bench-jetstream' });
  try {
    const manager = await jetstreamManager(connection);
    await manager.streams.add({
      name: stream,
      subjects: [subject],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(120_000),
    });
    await manager.consumers.add(stream, {
      durable_name: DURABLE,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(30_000),
      max_ack_pending: 1_000,
    });
    const client = jetstream(connection);
    const job = (runId: string): Uint8Array =>
      new TextEncoder().encode(JSON.stringify({ tenantId: 'default', sessionId: newId(), runId }));

    context.log(`jetstream: ${pickupCount} pickups`);
    const pickup = await measurePickup(client, stream, subject, job, pickupCount);

    context.log(`jetstream: publishing ${publishCount} jobs, ${WINDOW} in flight`);
    const published = await closedLoop({
      concurrency: WINDOW,
      totalOps: publishCount,
      op: async () => {
        const runId = newId();
        const start = performance.now();
        const ack = await client.publish(subject, job(runId), { msgID: runId });
        if (ack.duplicate) throw new Error('unexpected duplicate');
        return performance.now() - start;
      },
    });
    if (published.errors > 0) throw new Error(`jetstream publish failed: ${published.firstError}`);
    const publishLatency = summarize(published.samples);

    context.log(`jetstream: consuming ${publishCount} jobs`);
    const consumed = await consumeAll(client, stream, publishCount);

    return {
      id: 'jetstream',
      title: 'JetStream work queue (publish with Nats-Msg-Id, pull, ackAck)',
      figures: {
        pickupP50: figure('enqueue -> consumer p50 (1 at a time)', pickup.latency.p50, 'ms'),
        pickupP99: figure('enqueue -> consumer p99 (1 at a time)', pickup.latency.p99, 'ms'),
        publishAckP50: figure('publish ack p50 (1 at a time)', pickup.publishAck.p50, 'ms'),
        publishRate: figure(`publish rate (${WINDOW} in flight)`, published.opsPerSec, 'msg/s'),
        publishP50: figure(`publish ack p50 (${WINDOW} in flight)`, publishLatency.p50, 'ms'),
        publishP99: figure(`publish ack p99 (${WINDOW} in flight)`, publishLatency.p99, 'ms'),
        publishCpu: figure('CPU per publish', published.cpuMs / published.ops, 'ms'),
        consumeRate: figure(`fetch + ackAck rate (batch ${WINDOW})`, consumed.messagesPerSec, 'msg/s'),
        consumeCpu: figure('CPU per consumed + acked message', consumed.cpuMs / publishCount, 'ms'),
      },
      details: {
        stream,
        pickup: { count: pickupCount, latency: pickup.latency, publishAck: pickup.publishAck },
        publish: {
          count: published.ops,
          elapsedMs: published.elapsedMs,
          cpuMs: published.cpuMs,
          latency: publishLatency,
        },
        consume: consumed,
      },
    };
  } finally {
    await connection.close();
    await cleanupNatsPrefix(prefix, context.natsServers);
  }
}

async function measurePickup(
  client: JetStreamClient,
  stream: string,
  subject: string,
  job: (runId: string) => Uint8Array,
  count: number,
): Promise<{ latency: ReturnType<typeof summarize>; publishAck: ReturnType<typeof summarize> }> {
  const consumer = await client.consumers.get(stream, DURABLE);
  const messages = await consumer.consume({ max_messages: WINDOW });
  const waiting = new Map<string, () => void>();
  const draining = (async () => {
    for await (const message of messages) {
      await message.ackAck();
      const id = message.headers?.get('Nats-Msg-Id') ?? '';
      waiting.get(id)?.();
    }
  })();
  const latencies: number[] = [];
  const acks: number[] = [];
  try {
    for (let index = 0; index < count + 50; index += 1) {
      const runId = newId();
      const delivered = new Promise<void>((resolve) => waiting.set(runId, resolve));
      const start = performance.now();
      await client.publish(subject, job(runId), { msgID: runId });
      const acked = performance.now();
      await delivered;
      waiting.delete(runId);
      // The first 50 warm the path up.
      if (index >= 50) {
        latencies.push(performance.now() - start);
        acks.push(acked - start);
      }
    }
  } finally {
    await messages.close();
    await draining;
  }
  return { latency: summarize(latencies), publishAck: summarize(acks) };
}

async function consumeAll(
  client: JetStreamClient,
  stream: string,
  count: number,
): Promise<{ messagesPerSec: number; elapsedMs: number; cpuMs: number; fetches: number }> {
  const consumer = await client.consumers.get(stream, DURABLE);
  let consumed = 0;
  let fetches = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (consumed < count) {
    // Never ask for more than is left: a short batch would wait for the pull to expire.
    const batch = await consumer.fetch({ max_messages: Math.min(WINDOW, count - consumed), expires: 2_000 });
    fetches += 1;
    const acks: Promise<unknown>[] = [];
    for await (const message of batch) acks.push(message.ackAck());
    await Promise.all(acks);
    if (acks.length === 0) throw new Error(`jetstream consumer ran dry after ${consumed} of ${count}`);
    consumed += acks.length;
  }
  const elapsedMs = performance.now() - start;
  return {
    messagesPerSec: (consumed * 1000) / elapsedMs,
    elapsedMs,
    cpuMs: cpuMsOf(process.cpuUsage(cpu)),
    fetches,
  };
}
