import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAttemptSignal } from './attempt-signal.js';

describe('attempt signal', () => {
  it('times out only while waiting on the upstream, from zero after each resume', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const attempt = createAttemptSignal(new AbortController().signal, 100);
    t.mock.timers.tick(99);
    assert.equal(attempt.signal.aborted, false);
    attempt.pause();
    t.mock.timers.tick(10_000);
    assert.equal(attempt.signal.aborted, false, 'a slow consumer is not a slow upstream');
    attempt.resume();
    t.mock.timers.tick(99);
    assert.equal(attempt.signal.aborted, false);
    t.mock.timers.tick(1);
    assert.equal(attempt.signal.aborted, true);
    assert.equal(attempt.timedOut, true);
    attempt.dispose();
  });

  it('follows the caller abort, which is not a timeout', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const caller = new AbortController();
    const attempt = createAttemptSignal(caller.signal, 100);
    const reason = new Error('cancelled by request');
    caller.abort(reason);
    assert.equal(attempt.signal.aborted, true);
    assert.equal(attempt.signal.reason, reason);
    t.mock.timers.tick(1_000);
    assert.equal(attempt.timedOut, false);
    attempt.dispose();
  });

  it('starts aborted when the caller already is', () => {
    const caller = new AbortController();
    caller.abort();
    const attempt = createAttemptSignal(caller.signal, 100);
    assert.equal(attempt.signal.aborted, true);
    attempt.dispose();
  });
});
