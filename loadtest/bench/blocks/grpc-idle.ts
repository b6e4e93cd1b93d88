import { newId } from '@palyra/core';
import { startBareServer } from '../bare-server/bare-server-process.js';
import { type BenchContext, pick } from '../context.js';
import { figure, type SectionResult } from '../report.js';
import { createRawRunClient, type IdleStream, openIdleStream, waitForReady } from '../run-stream-driver.js';
import { sleep } from '../stats.js';

/** Streams opened at once while ramping up (each waits for its ACCEPTED before the next wave). */
export const IDLE_WAVE = 500;

/**
 * Memory of idle RunStreams on a bare grpc-js server in a child process: each stream sent its
 * first message (no input), got ACCEPTED and IN_PROGRESS, and waits. All streams share one HTTP/2
 * connection, so the figure is the per-stream cost, not a per-connection one. The server is
 * fresh (not the one the throughput block warmed up), warmed with a few hundred streams that are
 * closed again, and collected (--expose-gc) before each sample.
 */
export async function measureGrpcIdle(context: BenchContext): Promise<SectionResult> {
  const count = pick(context, { quick: 2_000, full: 10_000 });
  const holdMs = pick(context, { quick: 1_000, full: 5_000 });
  const server = await startBareServer();
  const client = createRawRunClient({
    address: server.address,
    token: 'bench-token-0123456789abcdef',
    principal: 'bench',
    deviceId: newId(),
  });
  const streams: IdleStream[] = [];
  try {
    await waitForReady(client);
    const warm = await Promise.all(
      Array.from({ length: 300 }, (_, index) => openIdleStream(client, `warm-${index}`)),
    );
    for (const stream of warm) stream.cancel();
    await sleep(300);
    const before = await server.sample({ gc: true });

    context.log(`grpc-idle: opening ${count} idle streams`);
    const start = performance.now();
    for (let opened = 0; opened < count; opened += IDLE_WAVE) {
      const wave = Math.min(IDLE_WAVE, count - opened);
      streams.push(
        ...(await Promise.all(
          Array.from({ length: wave }, (_, index) => openIdleStream(client, `idle-${opened + index}`)),
        )),
      );
    }
    const openMs = performance.now() - start;
    // Hold them: an idle stream's cost is what it holds and what it burns while nothing happens.
    const held = await server.sample();
    await sleep(holdMs);
    const after = await server.sample({ gc: true });
    const idleCpuPercent = ((after.cpuMs - held.cpuMs) / holdMs) * 100;
    if (after.activeStreams < count) {
      throw new Error(`server holds ${after.activeStreams} streams, expected ${count}`);
    }
    const rssPerStream = (after.rssBytes - before.rssBytes) / count / 1024;
    const heapPerStream = (after.heapUsedBytes - before.heapUsedBytes) / count / 1024;
    return {
      id: 'grpc-idle',
      title: 'Idle bare grpc-js RunStreams (server-side memory)',
      figures: {
        idleStreams: figure('idle streams held', count, 'streams'),
        rssPerStream: figure('server RSS per idle stream', rssPerStream, 'KiB'),
        heapPerStream: figure('server heap used per idle stream', heapPerStream, 'KiB'),
        openRate: figure(`open rate (waves of ${IDLE_WAVE})`, (count * 1000) / openMs, 'streams/s'),
      },
      // Idle CPU is a detail, not a figure: zero is the expected (and a fine) value.
      details: { count, before, after, openMs, holdMs, idleCpuPercent, connections: 1 },
    };
  } finally {
    for (const stream of streams) stream.cancel();
    client.close();
    await server.stop();
  }
}
