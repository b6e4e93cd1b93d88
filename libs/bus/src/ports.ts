import type { RunEventRecord } from '@palyra/core';
import type { TraceCarrier } from '@palyra/telemetry';

/** The unit of work handed from a gateway to an orchestrator worker. */
export interface RunJob {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly runId: string;
}

export interface EnqueueResult {
  /** True when the queue already held a job with this run id (JetStream dedupe window). */
  readonly duplicate: boolean;
}

/** One delivery of a job. Exactly one of ack / nak / term must be called. */
export interface RunDelivery {
  readonly job: RunJob;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  /** W3C trace context of the enqueuer. */
  readonly trace: Readonly<TraceCarrier>;
  ack(): Promise<void>;
  /** Redeliver after `delayMs` (0 = as soon as possible). */
  nak(delayMs?: number): Promise<void>;
  /** Reset the ack-wait timer while the run is alive. */
  inProgress(): void;
  /** Never redeliver; the job goes to the dead-letter subject with the reason. */
  term(reason: string): Promise<void>;
}

export interface DeadLetter {
  readonly job: RunJob;
  readonly reason: string;
  readonly deliveryCount: number;
  /** W3C trace context of the enqueuer, so an operator can find the run's trace. */
  readonly trace: Readonly<TraceCarrier>;
}

export interface ConsumerHandle {
  /** Stops fetching, waits for in-flight handlers up to the deadline, then closes. */
  stop(deadlineMs?: number): Promise<void>;
}

export interface ConsumeOptions {
  /** Max jobs handled at once by this consumer (also max ack pending on NATS). */
  readonly concurrency: number;
}

export interface RunQueue {
  enqueue(job: RunJob): Promise<EnqueueResult>;
  /**
   * Competing consumption: each job goes to one handler at a time across every consumer. The
   * handler's promise holds one concurrency slot. A handler that throws is logged and its
   * unsettled delivery is NAKed with an exponential backoff; one that returns without settling
   * is logged and redelivered after the ack wait.
   */
  consume(handler: (delivery: RunDelivery) => Promise<void>, options: ConsumeOptions): ConsumerHandle;
  /**
   * Jobs that exhausted max deliver or were terminated. A letter counts as handled when the
   * handler returns (or its promise resolves); a throw redelivers it later.
   */
  onDeadLetter(handler: (letter: DeadLetter) => void | Promise<void>): ConsumerHandle;
  /** Approximate number of jobs waiting (for /admin status and metrics). */
  pending(): Promise<number>;
}

export interface Subscription {
  /** Resolves once the subscription is registered with the server (events after this arrive). */
  readonly ready: Promise<void>;
  unsubscribe(): void;
}

/**
 * Live fan-out of a run's durable events (core NATS, at-most-once). Publishers append to the
 * journal first; subscribers fill any gap from the journal, so loss here only costs latency.
 */
export interface RunEvents {
  publish(tenantId: string, runId: string, events: readonly RunEventRecord[]): void;
  subscribe(
    tenantId: string,
    runId: string,
    onEvents: (events: readonly RunEventRecord[], trace: Readonly<TraceCarrier>) => void,
  ): Subscription;
}

export type ControlMessage =
  | { readonly type: 'cancel'; readonly reason: string; readonly requestedBy: string }
  | { readonly type: 'input'; readonly eventId: string }
  | { readonly type: 'approval'; readonly approvalId: string }
  | { readonly type: 'half_close' };

/** Signals from any gateway to the worker holding a run. Durable state is written first. */
export interface Control {
  notify(tenantId: string, runId: string, message: ControlMessage): void;
  listen(
    tenantId: string,
    runId: string,
    onMessage: (message: ControlMessage, trace: Readonly<TraceCarrier>) => void,
  ): Subscription;
}

/** Everything a process needs from the bus; closing drains in-flight publishes. */
export interface Bus {
  readonly runQueue: RunQueue;
  readonly runEvents: RunEvents;
  readonly control: Control;
  /** Resolves when the transport is reachable (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
