import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  isBrokenCircuitError,
} from 'cockatiel';
import { abortableDelay, isAbortError, throwIfAborted } from './abort.js';
import type { CircuitBreakerSettings } from './provider-config.js';
import { ProviderError, type ProviderErrorKind } from './provider-error.js';

export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff (before jitter). Default 250 ms. */
  readonly initialDelayMs?: number;
  /** Longest backoff. Default 8 000 ms. */
  readonly maxDelayMs?: number;
  /**
   * Longest Retry-After we wait out. Default 30 000 ms. A longer one ends the attempts at this
   * target at once, so the profile fails over instead of holding the run.
   */
  readonly maxRetryAfterMs?: number;
}

const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'unavailable', 'timeout']);
/**
 * Failures that say the target is unhealthy or unusable (not that this request is bad): they
 * count towards opening its circuit, so a broken key or an empty account stops costing a round
 * trip per run while the profile's fallbacks serve.
 */
const TARGET_FAILURE_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  'rate_limited',
  'unavailable',
  'timeout',
  'auth',
  'quota',
]);

export function isRetryableFailure(error: unknown): error is ProviderError {
  return error instanceof ProviderError && RETRYABLE_KINDS.has(error.kind);
}

export const CIRCUIT_STATES = ['closed', 'open', 'half_open'] as const;
export type CircuitStateName = (typeof CIRCUIT_STATES)[number];

/** A circuit breaker per provider (cockatiel's, with its consecutive-failures breaker). */
export interface ProviderCircuit {
  readonly state: CircuitStateName;
  /** Runs one attempt through the breaker; throws cockatiel's BrokenCircuitError when open. */
  execute<T>(attempt: () => Promise<T>): Promise<T>;
}

export function createProviderCircuit(
  settings: CircuitBreakerSettings,
  onStateChange: (state: CircuitStateName) => void = () => {},
): ProviderCircuit {
  const policy = circuitBreaker(
    handleWhen((error) => error instanceof ProviderError && TARGET_FAILURE_KINDS.has(error.kind)),
    { halfOpenAfter: settings.openMs, breaker: new ConsecutiveBreaker(settings.failureThreshold) },
  );
  const name = (state: CircuitState): CircuitStateName => {
    if (state === CircuitState.Closed) return 'closed';
    return state === CircuitState.HalfOpen ? 'half_open' : 'open';
  };
  policy.onStateChange((state) => onStateChange(name(state)));
  return {
    get state() {
      return name(policy.state);
    },
    execute: (attempt) => policy.execute(attempt),
  };
}

export interface CallTarget {
  readonly provider: string;
  readonly model: string;
  readonly circuit: ProviderCircuit;
  readonly retry: RetrySettings;
  readonly openMs: number;
}

export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: ProviderError;
}

function circuitOpen(target: CallTarget): ProviderError {
  return new ProviderError({
    kind: 'circuit_open',
    provider: target.provider,
    model: target.model,
    message: `model provider ${target.provider} is paused after repeated failures (circuit open for ${Math.ceil(
      target.openMs / 1000,
    )} s)`,
  });
}

/**
 * One call to a target: attempts through its circuit breaker, retried on transient failures with
 * exponential backoff and decorrelated jitter (cockatiel's generator), or exactly the upstream's
 * Retry-After when it sent one. The wait is abortable (cockatiel's own RetryPolicy sleeps
 * through an abort, which would break prompt cancel), and an open circuit ends the call at once
 * so the caller can fail over. While a half-open circuit's trial call is in flight, other calls
 * are refused rather than queued behind it.
 */
export async function callWithRetries<T>(
  target: CallTarget,
  attempt: (attemptNumber: number) => Promise<T>,
  signal: AbortSignal,
  onRetry: (notice: RetryNotice) => void = () => {},
): Promise<T> {
  const { maxRetries, initialDelayMs = 250, maxDelayMs = 8_000, maxRetryAfterMs = 30_000 } = target.retry;
  const backoffFactory = new ExponentialBackoff({ initialDelay: initialDelayMs, maxDelay: maxDelayMs });
  let backoff: IBackoff<unknown> | undefined;
  for (let attemptNumber = 0; ; attemptNumber += 1) {
    throwIfAborted(signal);
    if (target.circuit.state === 'half_open') throw circuitOpen(target);
    try {
      return await target.circuit.execute(() => attempt(attemptNumber));
    } catch (error) {
      if (isBrokenCircuitError(error)) throw circuitOpen(target);
      if (signal.aborted || isAbortError(error)) throw error;
      if (!isRetryableFailure(error) || attemptNumber >= maxRetries) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) throw error;
      backoff = backoff === undefined ? backoffFactory.next() : backoff.next(undefined);
      const delayMs = error.retryAfterMs ?? Math.round(backoff.duration);
      onRetry({ attempt: attemptNumber + 1, delayMs, error });
      await abortableDelay(delayMs, signal);
    }
  }
}
