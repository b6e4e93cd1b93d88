import type { Metrics } from '@palyra/telemetry';

/** How a RunStream ended (a closed set: metric label values). */
export const STREAM_OUTCOMES = [
  'done',
  'failed',
  'cancelled',
  'error',
  'client_cancelled',
  'draining',
  'rejected',
] as const;
export type StreamOutcome = (typeof STREAM_OUTCOMES)[number];

/** Why a stream read the journal instead of the live feed (metric label values). */
export const CATCH_UP_REASONS = ['gap', 'backpressure', 'overflow', 'poll', 'reconnect', 'error'] as const;
export type CatchUpReason = (typeof CATCH_UP_REASONS)[number];

export interface GatewayMetrics {
  streamOpened(): void;
  streamClosed(outcome: StreamOutcome): void;
  request(method: string, code: string, seconds: number): void;
  catchUp(reason: CatchUpReason): void;
  runAdmitted(): void;
}

/** The gateway's series on the process registry; label sets are bounded by the lists above. */
export function createGatewayMetrics(metrics: Metrics): GatewayMetrics {
  const activeStreams = metrics.gauge({
    name: 'palyra_active_streams',
    help: 'RunStreams currently open on this gateway',
  });
  const runStreams = metrics.counter({
    name: 'palyra_run_streams_total',
    help: 'RunStreams ended, by outcome',
    labelNames: ['outcome'],
  });
  const requests = metrics.counter({
    name: 'palyra_grpc_requests_total',
    help: 'gRPC calls handled, by method and status code',
    labelNames: ['method', 'code'],
  });
  const duration = metrics.histogram({
    name: 'palyra_grpc_request_duration_seconds',
    help: 'Duration of gRPC calls (whole stream for RunStream)',
    labelNames: ['method'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 300],
  });
  const catchUps = metrics.counter({
    name: 'palyra_stream_catchups_total',
    help: 'Journal reads by following streams instead of the live feed, by reason',
    labelNames: ['reason'],
  });
  const admitted = metrics.counter({
    name: 'palyra_runs_admitted_total',
    help: 'Runs admitted (created and enqueued) by this gateway',
  });
  // Children resolved once: label lookups per event would cost a hash per call.
  const catchUpChildren = Object.fromEntries(
    CATCH_UP_REASONS.map((reason) => [reason, catchUps.labels({ reason })]),
  ) as Record<CatchUpReason, { inc(): void }>;
  const outcomeChildren = Object.fromEntries(
    STREAM_OUTCOMES.map((outcome) => [outcome, runStreams.labels({ outcome })]),
  ) as Record<StreamOutcome, { inc(): void }>;

  return {
    streamOpened: () => activeStreams.inc(),
    streamClosed(outcome) {
      activeStreams.dec();
      outcomeChildren[outcome].inc();
    },
    request(method, code, seconds) {
      requests.labels({ method, code }).inc();
      duration.labels({ method }).observe(seconds);
    },
    catchUp: (reason) => catchUpChildren[reason].inc(),
    runAdmitted: () => admitted.inc(),
  };
}
