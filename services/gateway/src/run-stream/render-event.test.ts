import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '@palyra/core';
import { type RenderableEvent, renderRunStreamEvent } from './render-event.js';

const RUN_ID = { ulid: newId() };

function tokenEvent(payload: unknown): RenderableEvent {
  return {
    seq: 3,
    timestampUnixMs: 1_700_000_000_000,
    kind: 'model_token',
    payload,
    eventId: newId(),
    sessionId: newId(),
    actor: 'agent',
  };
}

describe('renderRunStreamEvent model_token', () => {
  it('renders awaiting_input from the payload', () => {
    const event = renderRunStreamEvent(
      RUN_ID,
      tokenEvent({ text: 'done.', is_final: true, turn: 1, in_reply_to: 'IN1', awaiting_input: true }),
    );
    assert.deepEqual(event.model_token, { token: 'done.', is_final: true, awaiting_input: true });
    assert.equal(event.seq, 3);
    assert.equal(event.run_id, RUN_ID);
  });

  it('renders false when the payload lacks it (chunks mid-turn, journals from before the field)', () => {
    assert.deepEqual(
      renderRunStreamEvent(
        RUN_ID,
        tokenEvent({ text: 'part ', is_final: false, turn: 1, in_reply_to: 'IN1' }),
      ).model_token,
      { token: 'part ', is_final: false, awaiting_input: false },
    );
    assert.deepEqual(
      renderRunStreamEvent(RUN_ID, tokenEvent({ text: '', is_final: true, awaiting_input: 'yes' }))
        .model_token,
      { token: '', is_final: true, awaiting_input: false },
      'only a JSON true counts',
    );
  });
});
