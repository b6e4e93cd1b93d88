import type { JournalEventKind } from '@palyra/core';
import type { Metrics } from '@palyra/telemetry';
import type { Counter, Gauge, Histogram } from 'prom-client';

/** How a delivery ended (bounded label set of `palyra_runs_total`). */
export const RUN_OUTCOMES = [
  'done',
  'failed',
  'cancelled',
  /** The run was already terminal (a redelivery after a lost ack). */
  'already_finished',
  /** NAKed for a retry (retryable error, run not admitted yet). */
  'requeued',
  /** NAKed on shutdown so another worker continues at once. */
  'handed_off',
  /** Another worker holds the run; stopped without settling. */
  'superseded',
  /** Terminated to the dead-letter subject (unknown run, malformed job). */
  'rejected',
] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface OrchestratorMetrics {
  readonly runs: Counter<'outcome'>;
  readonly runDuration: Histogram<'outcome'>;
  readonly timeToFirstToken: Histogram;
  readonly journalAppend: Histogram;
  readonly runEvents: Counter<'kind'>;
  readonly runsInFlight: Gauge;
  readonly redeliveries: Counter;
  /** Counts appended stream events by kind. */
  countEvents(kinds: Iterable<JournalEventKind>): void;
}

export function createOrchestratorMetrics(metrics: Metrics): OrchestratorMetrics {
  const runEvents = metrics.counter({
    name: 'palyra_run_events_total',
    help: 'Run stream events appended to the journal and published, by kind',
    labelNames: ['kind'],
  });
  return {
    runs: metrics.counter({
      name: 'palyra_runs_total',
      help: 'Run deliveries handled by this worker, by outcome',
      labelNames: ['outcome'],
    }),
    runDuration: metrics.histogram({
      name: 'palyra_run_duration_seconds',
      help: 'Time from pickup by this worker to the end of the delivery, by outcome',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    }),
    timeToFirstToken: metrics.histogram({
      name: 'palyra_time_to_first_token_seconds',
      help: 'Time from an input being journaled to the first chunk of its answer being published',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    journalAppend: metrics.histogram({
      name: 'palyra_journal_append_seconds',
      help: 'Duration of one journal append of a batch of run events',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    }),
    runEvents,
    runsInFlight: metrics.gauge({
      name: 'palyra_runs_in_flight',
      help: 'Runs this worker is executing now',
    }),
    redeliveries: metrics.counter({
      name: 'palyra_run_redeliveries_total',
      help: 'Deliveries of runs that had been delivered before (crash, shutdown, retry)',
    }),
    countEvents(kinds) {
      let kind: JournalEventKind | undefined;
      let count = 0;
      for (const next of kinds) {
        if (next === kind) {
          count += 1;
          continue;
        }
        if (kind !== undefined) runEvents.inc({ kind }, count);
        kind = next;
        count = 1;
      }
      if (kind !== undefined) runEvents.inc({ kind }, count);
    },
  };
}
