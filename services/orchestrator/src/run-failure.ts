import {
  CANCELLED_BY_REQUEST,
  ERROR_CODE_TRAITS,
  type ErrorCategory,
  type ErrorCode,
  isPalyraError,
  PalyraError,
  type RunEndedPayload,
} from '@palyra/core';

/**
 * The `run_failed` payload: core's RunEndedPayload plus the PalyraError `code` the gateway maps to
 * the gRPC status that ends the call (docs/run-protocol.md, "Following a run").
 */
export interface RunFailedPayload extends RunEndedPayload {
  readonly status: 'FAILED';
  readonly code: ErrorCode;
  readonly reason: string;
  readonly hint: string;
}

/** Reasons this worker writes besides error codes (lower-cased codes, e.g. `budget_exceeded`). */
export const FAILURE_REASONS = {
  cancelled: 'cancelled',
  wallClockLimit: 'wall_clock_limit',
  deadLettered: 'dead_lettered',
  modelTurnLimit: 'model_turn_limit',
  toolCallLimit: 'tool_call_limit',
} as const;

/** What a client can do about each kind of failure. Typed by category so a new one must be added. */
const HINTS: Readonly<Record<ErrorCategory, string>> = {
  client: 'the request was rejected; correct it and start a new run',
  auth: 'check your credentials and permissions, then start a new run',
  conflict: 'the run conflicts with the current state; start a new run',
  limit: 'a limit was reached; wait or ask the operator to raise it, then start a new run',
  transient: 'a dependency was unavailable; start the run again later',
  server: 'an internal error occurred; start the run again, and report the run id if it persists',
};

export function cancelledPayload(): RunFailedPayload {
  return {
    status: 'FAILED',
    message: CANCELLED_BY_REQUEST,
    code: 'CANCELLED',
    reason: FAILURE_REASONS.cancelled,
    hint: 'the run was cancelled by a client or an operator',
  };
}

export function wallClockPayload(limitMs: number): RunFailedPayload {
  return {
    status: 'FAILED',
    message: `run exceeded the wall clock limit of ${limitMs} ms (PALYRA_RUN_WALL_CLOCK_MS)`,
    code: 'DEADLINE_EXCEEDED',
    reason: FAILURE_REASONS.wallClockLimit,
    hint: 'split the work into shorter runs, or ask the operator to raise PALYRA_RUN_WALL_CLOCK_MS',
  };
}

export function modelTurnLimitPayload(maxTurns: number): RunFailedPayload {
  return {
    status: 'FAILED',
    message: `run exceeded the model turn limit of ${maxTurns} turns for one message`,
    code: 'RESOURCE_EXHAUSTED',
    reason: FAILURE_REASONS.modelTurnLimit,
    hint: 'the model kept asking for tools; rephrase the request or give the agent fewer tools',
  };
}

export function toolCallLimitPayload(maxCalls: number): RunFailedPayload {
  return {
    status: 'FAILED',
    message: `run exceeded the tool call limit of ${maxCalls} calls per run (PALYRA_TOOL_CALL_MAX_CALLS_PER_RUN)`,
    code: 'RESOURCE_EXHAUSTED',
    reason: FAILURE_REASONS.toolCallLimit,
    hint: 'split the work into several runs, or ask the operator to raise PALYRA_TOOL_CALL_MAX_CALLS_PER_RUN',
  };
}

export function deadLetteredPayload(deliveryCount: number): RunFailedPayload {
  return {
    status: 'FAILED',
    message: `run could not be completed after ${deliveryCount} deliveries`,
    code: 'UNAVAILABLE',
    reason: FAILURE_REASONS.deadLettered,
    hint: HINTS.transient,
  };
}

/** The payload for an error that ends a run: its code, its safe message, a hint. */
export function errorPayload(error: PalyraError): RunFailedPayload {
  const detailHint = error.details.hint;
  return {
    status: 'FAILED',
    message: error.message,
    code: error.code,
    reason: error.code.toLowerCase(),
    hint: typeof detailHint === 'string' ? detailHint : HINTS[ERROR_CODE_TRAITS[error.code].category],
  };
}

export type ErrorDisposition =
  /** Another worker holds the run (our append lost the seq race): stop without settling. */
  | { readonly kind: 'superseded' }
  /** Retry on a later delivery, which continues from the journal. */
  | { readonly kind: 'retry'; readonly error: PalyraError }
  /** End the run as failed; `unexpected` errors are logged with their stack. */
  | { readonly kind: 'fail'; readonly error: PalyraError; readonly unexpected: boolean };

/**
 * The worker's one retry policy: the journal refusing a seq means a zombie; retryable PalyraErrors
 * are retried unless this is the last delivery (then the run fails, so clients see an end rather
 * than a dead letter); everything else fails the run, unknown errors as INTERNAL.
 */
export function classifyError(error: unknown, isLastDelivery: boolean): ErrorDisposition {
  if (isRunSeqConflict(error)) return { kind: 'superseded' };
  if (!isPalyraError(error)) {
    return {
      kind: 'fail',
      error: new PalyraError('INTERNAL', 'internal error', { cause: error }),
      unexpected: true,
    };
  }
  if (error.retryable && !isLastDelivery) return { kind: 'retry', error };
  return { kind: 'fail', error, unexpected: error.code === 'INTERNAL' };
}

/** The journal's answer to a second writer of a run seq (`UNIQUE(run_id, run_seq)`). */
export function isRunSeqConflict(error: unknown): boolean {
  return isPalyraError(error) && error.code === 'ALREADY_EXISTS' && typeof error.details.runSeq === 'number';
}
