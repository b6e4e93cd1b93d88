import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTopology, deadLetterConsumer, RUNS_CONSUMER } from './topology.js';

test('stream, consumer and subject names derive from the prefix', () => {
  const topology = createTopology({ prefix: 'PALYRA' });
  assert.equal(topology.streams.runs.name, 'PALYRA_RUNS');
  assert.equal(topology.streams.runsDeadLetter.name, 'PALYRA_RUNS_DLQ');
  assert.deepEqual(topology.streams.runs.subjects, ['palyra.runs.*']);
  assert.deepEqual(topology.streams.runsDeadLetter.subjects, ['palyra.runs_dlq.*']);
  assert.equal(topology.streams.runs.retention, 'workqueue');
  assert.equal(topology.streams.runs.storage, 'file');
  assert.equal(topology.streams.runsDeadLetter.retention, 'limits');
  assert.equal(topology.consumers.runs.stream, 'PALYRA_RUNS');
  assert.equal(topology.consumers.runs.config.durable_name, RUNS_CONSUMER);
  assert.equal(topology.subjects.runs('acme'), 'palyra.runs.acme');
  assert.equal(topology.subjects.runsDeadLetter('acme'), 'palyra.runs_dlq.acme');
  assert.equal(
    topology.subjects.runEvents('acme', '01J0000000000000000000000A'),
    'palyra.run.acme.01J0000000000000000000000A.events',
  );
  assert.equal(topology.subjects.runControl('acme', 'R1'), 'palyra.run.acme.R1.control');
  assert.equal(deadLetterConsumer(topology, 'orchestrator').config.durable_name, 'orchestrator-dlq');
});

test('defaults: 30 s ack wait, 5 deliveries, 2 min duplicate window, in nanoseconds on the wire', () => {
  const topology = createTopology({ prefix: 'P' });
  assert.equal(topology.consumers.runs.config.ack_wait, 30_000_000_000);
  assert.equal(topology.consumers.runs.config.max_deliver, 5);
  assert.equal(topology.consumers.runs.config.ack_policy, 'explicit');
  assert.equal(topology.streams.runs.duplicate_window, 120_000_000_000);
});

test('options override the limits', () => {
  const topology = createTopology({
    prefix: 'P',
    ackWaitMs: 500,
    maxDeliver: 2,
    maxAckPending: 8,
    replicas: 3,
  });
  assert.equal(topology.consumers.runs.config.ack_wait, 500_000_000);
  assert.equal(topology.consumers.runs.config.max_deliver, 2);
  assert.equal(topology.consumers.runs.config.max_ack_pending, 8);
  assert.equal(topology.streams.runs.num_replicas, 3);
});

test('rejects prefixes and limits that cannot name streams or configure consumers', () => {
  for (const prefix of ['', 'palyra', '1ABC', 'A.B', 'A*', 'A'.repeat(33)]) {
    assert.throws(() => createTopology({ prefix }), { code: 'INVALID_ARGUMENT' }, prefix);
  }
  assert.throws(() => createTopology({ prefix: 'P', maxDeliver: 0 }), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => createTopology({ prefix: 'P', ackWaitMs: 1.5 }), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => deadLetterConsumer(createTopology({ prefix: 'P' }), 'a.b'), {
    code: 'INVALID_ARGUMENT',
  });
});

test('subjects refuse tokens that would widen a subscription', () => {
  const { subjects } = createTopology({ prefix: 'P' });
  for (const tenant of ['', 'a.b', '*', '>', 'A', 'a b']) {
    assert.throws(() => subjects.runs(tenant), { code: 'INVALID_ARGUMENT' }, tenant);
  }
  for (const run of ['', 'a.b', '*', '>', 'a b']) {
    assert.throws(() => subjects.runEvents('acme', run), { code: 'INVALID_ARGUMENT' }, run);
  }
});
