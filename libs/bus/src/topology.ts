import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { invalidArgument } from '@palyra/core';
import { createSubjects, requireSubjectToken, type Subjects } from './subjects.js';

/** The durable pull consumer every orchestrator replica shares on the RUNS stream. */
export const RUNS_CONSUMER = 'orchestrator-runs';

export const TOPOLOGY_DEFAULTS = {
  ackWaitMs: 30_000,
  maxDeliver: 5,
  /** Cluster-wide cap on unacked jobs; each replica also bounds itself by its concurrency. */
  maxAckPending: 1_000,
  duplicateWindowMs: 120_000,
  deadLetterMaxAgeMs: 14 * 24 * 60 * 60 * 1000,
  replicas: 1,
} as const;

export interface TopologyOptions {
  /** Upper-case stream name prefix (`PALYRA`); the subject root is its lower-case form. */
  readonly prefix: string;
  readonly ackWaitMs?: number;
  readonly maxDeliver?: number;
  readonly maxAckPending?: number;
  /** How long JetStream remembers a `Nats-Msg-Id` (run id) to drop duplicate enqueues. */
  readonly duplicateWindowMs?: number;
  readonly deadLetterMaxAgeMs?: number;
  /** Stream and consumer replicas (1 for a single server, 3 for a cluster). */
  readonly replicas?: number;
}

export type StreamSpec = Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'>;

export interface ConsumerSpec {
  readonly stream: string;
  readonly config: Partial<ConsumerConfig> & { readonly durable_name: string };
}

/** Streams and consumers as data; `ensureTopology` makes the server match it. */
export interface Topology {
  readonly prefix: string;
  readonly subjects: Subjects;
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly streams: { readonly runs: StreamSpec; readonly runsDeadLetter: StreamSpec };
  readonly consumers: { readonly runs: ConsumerSpec };
}

const PREFIX = /^[A-Z][A-Z0-9_]{0,31}$/;
const NANOS_PER_MS = 1_000_000;

function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw invalidArgument(field, `${field} must be > 0`);
  return value;
}

export function createTopology(options: TopologyOptions): Topology {
  const { prefix } = options;
  if (!PREFIX.test(prefix)) {
    throw invalidArgument(
      'prefix',
      'prefix must be 1-32 characters of A-Z, 0-9 or _, starting with a letter',
    );
  }
  const ackWaitMs = positiveInteger(options.ackWaitMs ?? TOPOLOGY_DEFAULTS.ackWaitMs, 'ack_wait_ms');
  const maxDeliver = positiveInteger(options.maxDeliver ?? TOPOLOGY_DEFAULTS.maxDeliver, 'max_deliver');
  const maxAckPending = positiveInteger(
    options.maxAckPending ?? TOPOLOGY_DEFAULTS.maxAckPending,
    'max_ack_pending',
  );
  const duplicateWindowMs = positiveInteger(
    options.duplicateWindowMs ?? TOPOLOGY_DEFAULTS.duplicateWindowMs,
    'duplicate_window_ms',
  );
  const deadLetterMaxAgeMs = positiveInteger(
    options.deadLetterMaxAgeMs ?? TOPOLOGY_DEFAULTS.deadLetterMaxAgeMs,
    'dead_letter_max_age_ms',
  );
  const replicas = positiveInteger(options.replicas ?? TOPOLOGY_DEFAULTS.replicas, 'replicas');
  const subjects = createSubjects(prefix.toLowerCase());
  const runsStream = `${prefix}_RUNS`;
  return {
    prefix,
    subjects,
    ackWaitMs,
    maxDeliver,
    streams: {
      runs: {
        name: runsStream,
        subjects: [subjects.allRuns],
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        duplicate_window: duplicateWindowMs * NANOS_PER_MS,
        num_replicas: replicas,
      },
      runsDeadLetter: {
        name: `${prefix}_RUNS_DLQ`,
        subjects: [subjects.allRunsDeadLetter],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        max_age: deadLetterMaxAgeMs * NANOS_PER_MS,
        duplicate_window: duplicateWindowMs * NANOS_PER_MS,
        num_replicas: replicas,
      },
    },
    consumers: {
      runs: {
        stream: runsStream,
        config: {
          durable_name: RUNS_CONSUMER,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          replay_policy: ReplayPolicy.Instant,
          ack_wait: ackWaitMs * NANOS_PER_MS,
          max_deliver: maxDeliver,
          max_ack_pending: maxAckPending,
          num_replicas: replicas,
        },
      },
    },
  };
}

/**
 * The durable consumer a service uses to observe dead letters (`<service>-dlq`): replicas of one
 * service share the letters, different services each see all of them.
 */
export function deadLetterConsumer(topology: Topology, service: string): ConsumerSpec {
  requireSubjectToken(service, 'name');
  return {
    stream: topology.streams.runsDeadLetter.name,
    config: {
      durable_name: `${service}-dlq`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      ack_wait: topology.ackWaitMs * NANOS_PER_MS,
      num_replicas: topology.streams.runsDeadLetter.num_replicas ?? 1,
    },
  };
}

const STREAM_NAME_IN_USE = 10058;
// Also what a concurrent add of the same stream from another replica can answer on 2.9.
const STREAM_SUBJECTS_OVERLAP = 10065;

/**
 * Creates or updates every stream, then every consumer. Safe to run from every replica at once:
 * an identical add is a no-op on the server, a changed one is applied as an update.
 */
/**
 * Creates or updates the streams (and any consumers passed in). The work-queue consumer is not
 * created here: only the process that consumes it (the orchestrator) ensures it, with its own ack
 * wait and max deliver, so a gateway starting up never resets the workers' settings.
 */
export async function ensureTopology(
  manager: JetStreamManager,
  topology: Topology,
  consumers: readonly ConsumerSpec[] = [],
): Promise<void> {
  for (const stream of Object.values(topology.streams)) await ensureStream(manager, stream);
  for (const consumer of consumers) await ensureConsumer(manager, consumer);
}

export async function ensureStream(manager: JetStreamManager, spec: StreamSpec): Promise<void> {
  try {
    await manager.streams.add(spec);
  } catch (error) {
    const exists =
      error instanceof JetStreamApiError &&
      (error.code === STREAM_NAME_IN_USE || error.code === STREAM_SUBJECTS_OVERLAP);
    if (!exists) throw error;
    const { name, ...update } = spec;
    try {
      await manager.streams.update(name, update);
    } catch (updateError) {
      // Overlapping some other stream rather than our own: the first error is the real one.
      throw updateError instanceof JetStreamApiError && updateError.code === JetStreamApiCodes.StreamNotFound
        ? error
        : updateError;
    }
  }
}

/** NATS 2.9 applies a changed config for an existing durable as an update, so add is enough. */
export async function ensureConsumer(manager: JetStreamManager, spec: ConsumerSpec): Promise<void> {
  await manager.consumers.add(spec.stream, spec.config);
}
