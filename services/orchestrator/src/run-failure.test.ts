import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CANCELLED_BY_REQUEST, PalyraError } from '@palyra/core';
import { cancelledPayload, classifyError, errorPayload, wallClockPayload } from './run-failure.js';

describe('run failure policy', () => {
  it('a lost run seq race means another worker holds the run', () => {
    const conflict = new PalyraError('ALREADY_EXISTS', 'run R already has event seq 4', {
      details: { runId: 'R', runSeq: 4 },
    });
    assert.deepEqual(classifyError(conflict, false), { kind: 'superseded' });
    // Other ALREADY_EXISTS errors are ordinary failures.
    assert.equal(classifyError(new PalyraError('ALREADY_EXISTS', 'event exists'), false).kind, 'fail');
  });

  it('retries retryable errors except on the last delivery', () => {
    const unavailable = new PalyraError('UNAVAILABLE', 'model unavailable');
    assert.equal(classifyError(unavailable, false).kind, 'retry');
    assert.deepEqual(classifyError(unavailable, true), {
      kind: 'fail',
      error: unavailable,
      unexpected: false,
    });
  });

  it('fails the run on non-retryable errors, and on unknown errors as INTERNAL without internals', () => {
    const budget = new PalyraError('BUDGET_EXCEEDED', 'budget exceeded');
    assert.deepEqual(classifyError(budget, false), { kind: 'fail', error: budget, unexpected: false });
    const unknown = classifyError(new TypeError('x is undefined'), false);
    assert.equal(unknown.kind, 'fail');
    assert.ok(unknown.kind === 'fail' && unknown.unexpected);
    assert.ok(unknown.kind === 'fail' && unknown.error.code === 'INTERNAL');
    assert.deepEqual(unknown.kind === 'fail' && errorPayload(unknown.error), {
      status: 'FAILED',
      message: 'internal error',
      code: 'INTERNAL',
      reason: 'internal',
      hint: 'an internal error occurred; start the run again, and report the run id if it persists',
    });
  });

  it('a hint in the error details wins over the category hint', () => {
    const error = new PalyraError('BUDGET_EXCEEDED', 'budget exceeded', {
      details: { hint: 'raise the budget' },
    });
    assert.equal(errorPayload(error).hint, 'raise the budget');
    assert.equal(errorPayload(error).reason, 'budget_exceeded');
  });

  it('names the cancel and the wall clock limit', () => {
    assert.deepEqual(
      { ...cancelledPayload(), hint: undefined },
      {
        status: 'FAILED',
        message: CANCELLED_BY_REQUEST,
        code: 'CANCELLED',
        reason: 'cancelled',
        hint: undefined,
      },
    );
    const wallClock = wallClockPayload(120_000);
    assert.match(wallClock.message, /wall clock limit of 120000 ms \(PALYRA_RUN_WALL_CLOCK_MS\)/);
    assert.equal(wallClock.reason, 'wall_clock_limit');
    assert.equal(wallClock.code, 'DEADLINE_EXCEEDED');
  });
});
