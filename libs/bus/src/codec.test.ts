import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeDeadLetter, decodeRunJob, encodeDeadLetter, encodeRunJob, retryDelayMs } from './codec.js';

const job = { tenantId: 'acme', sessionId: 'S1', runId: 'R1' };

test('a run job round-trips as exactly its three fields', () => {
  const wider = { ...job, secret: 'do not ship' };
  const data = encodeRunJob(wider);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(data)), job);
  assert.deepEqual(decodeRunJob(data), job);
});

test('malformed jobs are rejected', () => {
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  assert.throws(() => decodeRunJob(encode({ tenantId: 'acme' })), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => decodeRunJob(encode([job])), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => decodeRunJob(new TextEncoder().encode('{')), SyntaxError);
});

test('a dead letter round-trips with its reason, delivery count and trace', () => {
  const trace = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
  const data = encodeDeadLetter({ job, reason: 'poison', deliveryCount: 3 });
  assert.deepEqual(decodeDeadLetter(data, trace), { job, reason: 'poison', deliveryCount: 3, trace });
});

test('retry delays grow exponentially within +-20% and stop at the cap', () => {
  for (let i = 0; i < 50; i += 1) {
    const first = retryDelayMs(1, 1000, 60_000);
    const third = retryDelayMs(3, 1000, 60_000);
    const huge = retryDelayMs(40, 1000, 60_000);
    assert.ok(first >= 800 && first <= 1200, `${first}`);
    assert.ok(third >= 3200 && third <= 4800, `${third}`);
    assert.equal(huge, 60_000);
  }
});
