import assert from 'node:assert/strict';
import test from 'node:test';
import { canonicalJson } from '@palyra/core';
import { canonicalEventEnvelope } from './event-envelope.js';

const fields = {
  tenantId: 'acme',
  sessionId: '01HZY7Q5V3J7Y7M6X8K2N4P6R8',
  chainSeq: 7,
  eventId: '01HZY7Q5V3J7Y7M6X8K2N4P6R9',
  runId: null,
  runSeq: null,
  kind: 'model_token',
  actor: 'agent',
  recordedAtUs: 1_760_000_000_000_123,
};

test('the envelope is canonicalJson of the event with its payload value', () => {
  for (const payload of [{ text: 'hi', z: [1, { b: 2, a: 'é\u0000' }] }, null, 'plain', 12.5, []]) {
    const canonicalPayload = canonicalJson(payload);
    const expected = canonicalJson({
      tenant_id: fields.tenantId,
      session_id: fields.sessionId,
      chain_seq: fields.chainSeq,
      event_id: fields.eventId,
      run_id: fields.runId,
      run_seq: fields.runSeq,
      kind: fields.kind,
      actor: fields.actor,
      recorded_at_us: fields.recordedAtUs,
      payload,
    });
    assert.equal(canonicalEventEnvelope(fields, canonicalPayload), expected);
  }
});

test('the envelope covers run fields and the exact payload bytes', () => {
  const base = canonicalEventEnvelope(fields, '{"a":1}');
  assert.notEqual(canonicalEventEnvelope({ ...fields, runId: fields.eventId, runSeq: 1 }, '{"a":1}'), base);
  assert.notEqual(canonicalEventEnvelope(fields, '{"a": 1}'), base);
});
