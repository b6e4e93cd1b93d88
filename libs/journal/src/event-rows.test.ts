import assert from 'node:assert/strict';
import test from 'node:test';
import { isPalyraError, LIMITS, NON_JSON_MARKER_KEY, newId, REDACTED } from '@palyra/core';
import { prepareEvent } from './event-rows.js';

const base = { eventId: newId(), kind: 'model_token', actor: 'agent' } as const;

test('prepareEvent redacts and canonicalizes JSON values', () => {
  const prepared = prepareEvent({
    ...base,
    payload: { z: 1, authorization: 'Bearer abcdefghijkl', a: 'ok' },
  });
  assert.equal(prepared.payloadJson, `{"a":"ok","authorization":"${REDACTED}","z":1}`);
  assert.equal(prepared.redacted, true);
  assert.equal(prepareEvent({ ...base, payload: undefined }).payloadJson, 'null');
});

test('prepareEvent parses JSON bytes and replaces non-JSON bytes with a marker', () => {
  const json = prepareEvent({ ...base, payload: new TextEncoder().encode('{"b":2,"a":1}') });
  assert.equal(json.payloadJson, '{"a":1,"b":2}');
  assert.equal(json.redacted, false);
  const binary = prepareEvent({ ...base, payload: new Uint8Array([0xff, 0xfe, 0x00]) });
  assert.deepEqual(JSON.parse(binary.payloadJson), { [NON_JSON_MARKER_KEY]: true, byte_length: 3 });
  assert.equal(binary.redacted, true);
});

test('prepareEvent measures the limit on canonical UTF-8 bytes', () => {
  // 'é' is two bytes: the string below is exactly at the limit once quoted.
  const atLimit = 'é'.repeat((LIMITS.journalPayloadBytes - 2) / 2);
  assert.equal(prepareEvent({ ...base, payload: atLimit }).payloadJson.length, atLimit.length + 2);
  assert.throws(
    () => prepareEvent({ ...base, payload: `${atLimit}x` }),
    (error: unknown) => isPalyraError(error) && error.code === 'PAYLOAD_TOO_LARGE',
  );
});

test('prepareEvent rejects malformed events with INVALID_ARGUMENT naming the field', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ eventId: 'nope' }, 'event_id'],
    [{ runId: 'nope', runSeq: 1 }, 'run_id'],
    [{ runSeq: 1 }, 'run_seq'],
    [{ runId: newId(), runSeq: 0 }, 'run_seq'],
    [{ kind: 'made_up' }, 'kind'],
    [{ actor: 'robot' }, 'actor'],
    [{ payload: { n: 10n } }, 'payload'],
    [{ payload: { n: Number.NaN } }, 'payload'],
  ];
  for (const [overrides, field] of cases) {
    assert.throws(
      () => prepareEvent({ ...base, payload: {}, ...overrides } as never),
      (error: unknown) =>
        isPalyraError(error) && error.code === 'INVALID_ARGUMENT' && error.violations[0]?.field === field,
      field,
    );
  }
});
