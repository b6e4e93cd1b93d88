import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError, type ProviderErrorKind } from './provider-error.js';
import { type CallTarget, callWithRetries, createProviderCircuit, type RetryNotice } from './resilience.js';

function target(maxRetries: number, failureThreshold = 10): CallTarget {
  return {
    provider: 'p',
    model: 'm',
    openMs: 60_000,
    circuit: createProviderCircuit({ failureThreshold, openMs: 60_000 }),
    retry: { maxRetries, initialDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5_000 },
  };
}

function failure(kind: ProviderErrorKind, retryAfterMs?: number): ProviderError {
  return new ProviderError({ kind, provider: 'p', message: `failed: ${kind}`, retryAfterMs });
}

function failing(
  errors: ProviderError[],
  value = 'ok',
): { attempts: number[]; run: (n: number) => Promise<string> } {
  const attempts: number[] = [];
  return {
    attempts,
    run: async (attempt) => {
      attempts.push(attempt);
      const error = errors.shift();
      if (error) throw error;
      return value;
    },
  };
}

describe('callWithRetries', () => {
  it('retries transient failures and reports each retry', async () => {
    const notices: RetryNotice[] = [];
    const call = failing([failure('unavailable'), failure('timeout')]);
    const result = await callWithRetries(target(2), call.run, new AbortController().signal, (notice) =>
      notices.push(notice),
    );
    assert.equal(result, 'ok');
    assert.deepEqual(call.attempts, [0, 1, 2]);
    assert.deepEqual(
      notices.map((notice) => [notice.attempt, notice.error.kind]),
      [
        [1, 'unavailable'],
        [2, 'timeout'],
      ],
    );
  });

  it('does not retry failures a retry cannot fix', async () => {
    for (const kind of ['auth', 'quota', 'context_too_long', 'content_policy', 'invalid_request'] as const) {
      const call = failing([failure(kind)]);
      await assert.rejects(callWithRetries(target(3), call.run, new AbortController().signal), { kind });
      assert.deepEqual(call.attempts, [0], kind);
    }
  });

  it('gives up at once on a Retry-After longer than it is willing to wait', async () => {
    const call = failing([failure('rate_limited', 60_000)]);
    await assert.rejects(callWithRetries(target(3), call.run, new AbortController().signal), {
      kind: 'rate_limited',
    });
    assert.deepEqual(call.attempts, [0]);
  });

  it('ends with circuit_open when the breaker opens between attempts', async () => {
    const call = failing([failure('unavailable'), failure('unavailable'), failure('unavailable')]);
    await assert.rejects(callWithRetries(target(5, 2), call.run, new AbortController().signal), {
      kind: 'circuit_open',
      code: 'UNAVAILABLE',
    });
    assert.deepEqual(call.attempts, [0, 1], 'the third attempt never ran');
  });

  it('counts auth failures towards the breaker but not invalid requests', async () => {
    const auth = target(0, 2);
    for (let index = 0; index < 2; index += 1) {
      await assert.rejects(
        callWithRetries(auth, failing([failure('auth')]).run, new AbortController().signal),
      );
    }
    assert.equal(auth.circuit.state, 'open');
    const invalid = target(0, 2);
    for (let index = 0; index < 3; index += 1) {
      await assert.rejects(
        callWithRetries(invalid, failing([failure('invalid_request')]).run, new AbortController().signal),
      );
    }
    assert.equal(invalid.circuit.state, 'closed');
  });
});
