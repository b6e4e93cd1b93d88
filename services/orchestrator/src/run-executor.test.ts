import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turnAwaitsInput } from './run-executor.js';

describe('turnAwaitsInput', () => {
  it('is true for a final answer and whenever nothing else follows the turn', () => {
    assert.equal(turnAwaitsInput('stop', true), true);
    assert.equal(turnAwaitsInput('length', true), true);
    assert.equal(turnAwaitsInput('content_filter', true), true);
    assert.equal(turnAwaitsInput(undefined, true), true, 'a stream without a finish event');
    assert.equal(
      turnAwaitsInput('tool_calls', false),
      true,
      'tool calls are not run: the run waits for input',
    );
  });

  it('is false when executed tool calls follow the turn', () => {
    assert.equal(turnAwaitsInput('tool_calls', true), false);
  });
});
