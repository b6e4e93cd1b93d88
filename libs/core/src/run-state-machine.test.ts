import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPalyraError } from './errors.js';
import {
  assertTransition,
  canTransition,
  isRunState,
  isTerminalRunState,
  predecessorsOf,
  RUN_STATES,
  type RunState,
  RunStateMachine,
} from './run-state-machine.js';

// The Palyra protocol: pending -> accepted -> in_progress -> done; failed or cancelled from
// accepted or in_progress; nothing else.
const ALLOWED = new Set([
  'pending->accepted',
  'accepted->in_progress',
  'accepted->failed',
  'accepted->cancelled',
  'in_progress->done',
  'in_progress->failed',
  'in_progress->cancelled',
]);

const MATRIX = RUN_STATES.flatMap((from) =>
  RUN_STATES.map((to) => ({ from, to, allowed: ALLOWED.has(`${from}->${to}`) })),
);

describe('RunStateMachine transition matrix', () => {
  test('covers all 36 pairs of the six states', () => {
    assert.deepEqual([...RUN_STATES], ['pending', 'accepted', 'in_progress', 'done', 'failed', 'cancelled']);
    assert.equal(MATRIX.length, 36);
  });

  for (const { from, to, allowed } of MATRIX) {
    if (allowed) {
      test(`${from} -> ${to} is allowed`, () => {
        assert.equal(canTransition(from, to), true);
        assert.doesNotThrow(() => assertTransition(from, to));
        const machine = new RunStateMachine(from);
        assert.equal(machine.transition(to), to);
        assert.equal(machine.state, to);
      });
    } else {
      test(`${from} -> ${to} is rejected, naming both states`, () => {
        assert.equal(canTransition(from, to), false);
        const machine = new RunStateMachine(from);
        assert.throws(
          () => machine.transition(to),
          (error: unknown) => {
            assert.ok(isPalyraError(error));
            assert.equal(error.code, 'INVALID_STATE_TRANSITION');
            assert.equal(error.message, `invalid run state transition from ${from} to ${to}`);
            assert.deepEqual(error.details, { from, to });
            return true;
          },
        );
        assert.equal(machine.state, from, 'a rejected transition leaves the state unchanged');
      });
    }
  }
});

describe('RunStateMachine', () => {
  test('starts pending and walks the happy path', () => {
    const machine = new RunStateMachine();
    assert.equal(machine.state, 'pending');
    assert.equal(machine.isTerminal, false);
    for (const next of ['accepted', 'in_progress', 'done'] as const) machine.transition(next);
    assert.equal(machine.state, 'done');
    assert.equal(machine.isTerminal, true);
  });

  test('terminal states are exactly done, failed and cancelled', () => {
    const terminal = RUN_STATES.filter((state) => isTerminalRunState(state));
    assert.deepEqual(terminal, ['done', 'failed', 'cancelled']);
  });

  test('predecessorsOf lists the states one step before', () => {
    const expected: Record<RunState, RunState[]> = {
      pending: [],
      accepted: ['pending'],
      in_progress: ['accepted'],
      done: ['in_progress'],
      failed: ['accepted', 'in_progress'],
      cancelled: ['accepted', 'in_progress'],
    };
    for (const state of RUN_STATES) assert.deepEqual(predecessorsOf(state), expected[state], state);
  });

  test('isRunState recognises exactly the six states', () => {
    for (const state of RUN_STATES) assert.equal(isRunState(state), true);
    for (const other of ['', 'PENDING', 'running', 'completed', 'canceled', 'in-progress']) {
      assert.equal(isRunState(other), false, other);
    }
  });
});
