import { connect, type NatsConnection } from '@nats-io/transport-node';
import { uniqueStreamPrefix } from '@palyra/testkit';
import { type BenchContext, pick } from '../context.js';
import { figure, type SectionResult } from '../report.js';
import { cpuMsOf, summarize } from '../stats.js';

/** Roughly one journaled run event as JSON: what the orchestrator fans out on core NATS. */
const PAYLOAD_BYTES = 256;
/** Publisher flushes every this many messages, so the subscriber is never flooded past its limits. */
const FLUSH_EVERY = 1_000;

/**
 * Core NATS, one publishing and one subscribing connection (the orchestrator -> gateway path of
 * run events). Round trip: one message at a time, publish -> server -> subscriber, same clock.
 * Throughput: a burst of messages, from the first publish to the last delivery.
 */
export async function measureNatsCore(context: BenchContext): Promise<SectionResult> {
  const latencyCount = pick(context, { quick: 1_000, full: 10_000 });
  const burstCount = pick(context, { quick: 20_000, full: 200_000 });
  const subject = `${uniqueStreamPrefix().toLowerCase()}.bench.core`;
  const publisher = await connect({ servers: context.natsServers, name: 'palyra-bench-pub' });
  const subscriber = await connect({ servers: context.natsServers, name: 'palyra-bench-sub' });
  try {
    const payload = new Uint8Array(PAYLOAD_BYTES).fill(120);
    let onMessage: () => void = () => {};
    subscriber.subscribe(subject, { callback: () => onMessage() });
    await subscriber.flush();

    context.log(`nats-core: ${latencyCount} round trips`);
    const oneMessage = async (): Promise<number> => {
      const delivered = new Promise<void>((resolve) => {
        onMessage = resolve;
      });
      const start = performance.now();
      publisher.publish(subject, payload);
      await delivered;
      return performance.now() - start;
    };
    for (let index = 0; index < 200; index += 1) await oneMessage();
    const samples: number[] = [];
    const latencyCpu = process.cpuUsage();
    for (let index = 0; index < latencyCount; index += 1) samples.push(await oneMessage());
    const latencyCpuMs = cpuMsOf(process.cpuUsage(latencyCpu));
    const latency = summarize(samples);

    context.log(`nats-core: burst of ${burstCount} messages`);
    const burst = await publishBurst(publisher, subject, payload, burstCount, (handler) => {
      onMessage = handler;
    });

    return {
      id: 'nats-core',
      title: 'NATS core publish/subscribe',
      figures: {
        roundTripP50: figure('round trip p50', latency.p50, 'ms'),
        roundTripP95: figure('round trip p95', latency.p95, 'ms'),
        roundTripP99: figure('round trip p99', latency.p99, 'ms'),
        roundTripCpu: figure('CPU per round trip (pub + sub)', latencyCpuMs / latencyCount, 'ms'),
        throughput: figure(`throughput (${PAYLOAD_BYTES} B)`, burst.messagesPerSec, 'msg/s'),
        throughputCpu: figure('CPU per message in burst (pub + sub)', burst.cpuMs / burstCount, 'ms'),
      },
      details: {
        subject,
        payloadBytes: PAYLOAD_BYTES,
        roundTrip: latency,
        burst: { messages: burstCount, elapsedMs: burst.elapsedMs, cpuMs: burst.cpuMs },
      },
    };
  } finally {
    await publisher.close();
    await subscriber.close();
  }
}

async function publishBurst(
  publisher: NatsConnection,
  subject: string,
  payload: Uint8Array,
  count: number,
  setHandler: (handler: () => void) => void,
): Promise<{ messagesPerSec: number; elapsedMs: number; cpuMs: number }> {
  let received = 0;
  const allReceived = new Promise<void>((resolve) => {
    setHandler(() => {
      received += 1;
      if (received === count) resolve();
    });
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let sent = 0; sent < count; sent += 1) {
    publisher.publish(subject, payload);
    if ((sent + 1) % FLUSH_EVERY === 0) await publisher.flush();
  }
  await publisher.flush();
  await allReceived;
  const elapsedMs = performance.now() - start;
  return { messagesPerSec: (count * 1000) / elapsedMs, elapsedMs, cpuMs: cpuMsOf(process.cpuUsage(cpu)) };
}
