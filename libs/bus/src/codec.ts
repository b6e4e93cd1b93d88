import { invalidArgument } from '@palyra/core';
import type { TraceCarrier } from '@palyra/telemetry';
import type { DeadLetter, RunJob } from './ports.js';
import { requireSubjectToken, requireTenantToken } from './subjects.js';

// Wire encodings of the bus's message contracts. Plain JSON through one shared TextEncoder: the
// live paths (events, control) run per batch, so nothing here allocates more than it must.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reason recorded on jobs that exhausted `maxDeliver` deliveries. */
export const MAX_DELIVERIES_REASON = 'max deliveries exceeded';

export const EMPTY_TRACE: Readonly<TraceCarrier> = Object.freeze({});

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(data: Uint8Array): unknown {
  return JSON.parse(decoder.decode(data));
}

/** Validates a job before it is written to a subject, so a bad id fails at the caller. */
export function requireRunJob(job: RunJob): RunJob {
  requireTenantToken(job.tenantId);
  requireSubjectToken(job.sessionId, 'session_id');
  requireSubjectToken(job.runId, 'run_id');
  return job;
}

export function encodeRunJob(job: RunJob): Uint8Array {
  // Only the three fields travel, whatever else the caller's object carries.
  return encodeJson({ tenantId: job.tenantId, sessionId: job.sessionId, runId: job.runId });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toRunJob(value: unknown): RunJob {
  if (
    !isRecord(value) ||
    typeof value.tenantId !== 'string' ||
    typeof value.sessionId !== 'string' ||
    typeof value.runId !== 'string'
  ) {
    throw invalidArgument('job', 'job must carry tenantId, sessionId and runId');
  }
  return { tenantId: value.tenantId, sessionId: value.sessionId, runId: value.runId };
}

export function decodeRunJob(data: Uint8Array): RunJob {
  return toRunJob(decodeJson(data));
}

/** The dead-letter record stored on the DLQ stream; trace context travels in headers. */
export function encodeDeadLetter(letter: Omit<DeadLetter, 'trace'>): Uint8Array {
  return encodeJson({
    tenantId: letter.job.tenantId,
    sessionId: letter.job.sessionId,
    runId: letter.job.runId,
    reason: letter.reason,
    deliveryCount: letter.deliveryCount,
  });
}

export function decodeDeadLetter(data: Uint8Array, trace: Readonly<TraceCarrier>): DeadLetter {
  const value = decodeJson(data);
  const job = toRunJob(value);
  const record = value as Record<string, unknown>;
  return {
    job,
    reason: typeof record.reason === 'string' ? record.reason : '',
    deliveryCount: typeof record.deliveryCount === 'number' ? record.deliveryCount : 0,
    trace,
  };
}

/** Exponential backoff with +-20% jitter (so jobs failing together do not retry together), capped. */
export function retryDelayMs(deliveryCount: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(deliveryCount - 1, 0), 30);
  const jittered = baseMs * 2 ** exponent * (0.8 + Math.random() * 0.4);
  return Math.round(Math.min(maxMs, jittered));
}
