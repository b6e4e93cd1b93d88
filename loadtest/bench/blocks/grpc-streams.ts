import { newId } from '@palyra/core';
import { startBareServer } from '../bare-server/bare-server-process.js';
import { type BenchContext, pick, runInputText } from '../context.js';
import { figure, type SectionResult } from '../report.js';
import { createRawRunClient, firstMessage, runToDone, waitForReady } from '../run-stream-driver.js';
import { closedLoop, summarize } from '../stats.js';

export const STREAM_CONCURRENCY = [16, 64, 256] as const;

export interface ConcurrencyFigures {
  readonly concurrency: number;
  readonly streams: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
  readonly streamsPerSec: number;
  readonly firstEvent: ReturnType<typeof summarize>;
  readonly done: ReturnType<typeof summarize>;
  readonly clientCpuMsPerStream: number;
  readonly serverCpuMsPerStream: number;
}

/**
 * The denominator of the end-to-end ratio: a grpc-js server with a trivial RunStream handler (22
 * events on the first message, DONE on half-close) in a child process, driven by the same message
 * pattern as a Palyra run from this process over one HTTP/2 connection. Closed loops of 16, 64 and
 * 256 concurrent streams; CPU per stream on each side (server over IPC, client from this process).
 * `concurrencies` narrows the run and `serial: false` skips the one-at-a-time latencies (the
 * end-to-end section re-measures the figure at 64 right beside its own, as its denominator).
 */
export async function measureGrpcStreams(
  context: BenchContext,
  options: { readonly concurrencies?: readonly number[]; readonly serial?: boolean } = {},
): Promise<SectionResult> {
  const concurrencies = options.concurrencies ?? STREAM_CONCURRENCY;
  const warmupMs = pick(context, { quick: 500, full: 2_000 });
  const durationMs = pick(context, { quick: 1_500, full: 8_000 });
  const serialCount = options.serial === false ? 0 : pick(context, { quick: 200, full: 2_000 });
  const server = await startBareServer();
  const client = createRawRunClient({
    address: server.address,
    token: 'bench-token-0123456789abcdef',
    principal: 'bench',
    deviceId: newId(),
  });
  try {
    await waitForReady(client);
    const text = runInputText();
    const oneRun = async (worker: number) =>
      runToDone(client, firstMessage({ sessionKey: `bench-${worker}`, text }));

    if (serialCount > 0) context.log(`grpc-streams: ${serialCount} streams one at a time`);
    await closedLoop({ concurrency: 1, totalOps: 50, op: async () => (await oneRun(0)).doneMs });
    const serialFirst: number[] = [];
    const serial = await closedLoop({
      concurrency: 1,
      totalOps: Math.max(serialCount, 1),
      op: async () => {
        const timing = await oneRun(0);
        serialFirst.push(timing.firstEventMs);
        return timing.doneMs;
      },
    });
    if (serial.errors > 0) throw new Error(`bare RunStream failed: ${serial.firstError}`);
    const serialFirstEvent = summarize(serialFirst);
    const serialDone = summarize(serial.samples);

    const levels: ConcurrencyFigures[] = [];
    for (const concurrency of concurrencies) {
      context.log(`grpc-streams: ${concurrency} concurrent streams for ${durationMs} ms`);
      await closedLoop({
        concurrency,
        durationMs: warmupMs,
        op: async (worker) => (await oneRun(worker)).doneMs,
      });
      const firstEvents: number[] = [];
      const before = await server.sample();
      const result = await closedLoop({
        concurrency,
        durationMs,
        op: async (worker) => {
          const timing = await oneRun(worker);
          firstEvents.push(timing.firstEventMs);
          return timing.doneMs;
        },
      });
      const after = await server.sample();
      if (result.ops === 0) throw new Error(`bare RunStream failed: ${result.firstError}`);
      levels.push({
        concurrency,
        streams: result.ops,
        errors: result.errors,
        firstError: result.firstError,
        elapsedMs: result.elapsedMs,
        streamsPerSec: result.opsPerSec,
        firstEvent: summarize(firstEvents),
        done: summarize(result.samples),
        clientCpuMsPerStream: result.cpuMs / result.ops,
        serverCpuMsPerStream: (after.cpuMs - before.cpuMs) / result.ops,
      });
    }

    const figures: SectionResult['figures'] =
      serialCount === 0
        ? {}
        : {
            firstEventP50: figure('first event p50 (1 stream at a time)', serialFirstEvent.p50, 'ms'),
            doneP50: figure('DONE p50 (1 stream at a time)', serialDone.p50, 'ms'),
            doneP99: figure('DONE p99 (1 stream at a time)', serialDone.p99, 'ms'),
          };
    for (const level of levels) {
      const c = level.concurrency;
      figures[`streamsPerSecAt${c}`] = figure(
        `streams/s at ${c} concurrent`,
        level.streamsPerSec,
        'streams/s',
      );
      figures[`firstEventP50At${c}`] = figure(`first event p50 at ${c}`, level.firstEvent.p50, 'ms');
      figures[`serverCpuAt${c}`] = figure(`server CPU per stream at ${c}`, level.serverCpuMsPerStream, 'ms');
      figures[`clientCpuAt${c}`] = figure(`client CPU per stream at ${c}`, level.clientCpuMsPerStream, 'ms');
    }
    return {
      id: 'grpc-streams',
      title: 'Bare grpc-js RunStream (trivial handler, child process)',
      figures,
      details: {
        eventsPerStream: 23,
        inputWords: text.split(' ').length,
        serial: { streams: serial.ops, firstEvent: serialFirstEvent, done: serialDone },
        levels,
      },
    };
  } finally {
    client.close();
    await server.stop();
  }
}
