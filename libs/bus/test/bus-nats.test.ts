import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { newId } from '@palyra/core';
import { cleanupNatsPrefix, natsTestServers, nextValue, uniqueStreamPrefix, waitFor } from '@palyra/testkit';
import {
  connectNatsBus,
  createTopology,
  type DeadLetter,
  ensureTopology,
  MAX_DELIVERIES_REASON,
  type NatsBus,
  RUNS_CONSUMER,
} from '../src/index.js';
import { registerBusContract } from './bus-contract.js';

registerBusContract('nats', async (t, options) => {
  const prefix = uniqueStreamPrefix();
  const opened: NatsBus[] = [];
  t.after(async () => {
    await Promise.all(opened.map((bus) => bus.close()));
    await cleanupNatsPrefix(prefix);
  });
  return {
    async open() {
      const bus = await connectNatsBus({
        servers: natsTestServers(),
        prefix,
        name: 'contract',
        pullExpiresMs: 2_000,
        ...options,
      });
      opened.push(bus);
      return bus;
    },
  };
});

/** A raw connection and a fresh prefix, both cleaned up after the test. */
async function rawNats(t: TestContext): Promise<{ prefix: string; connection: NatsConnection }> {
  const prefix = uniqueStreamPrefix();
  const connection = await connect({ servers: natsTestServers() });
  t.after(async () => {
    await connection.close();
    await cleanupNatsPrefix(prefix);
  });
  return { prefix, connection };
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('NATS adapter on a 2.9 server', { concurrency: true }, () => {
  it('ensureTopology creates the prefixed streams and the given consumer, is idempotent, and applies changes', async (t) => {
    const { prefix, connection } = await rawNats(t);
    const manager = await jetstreamManager(connection);
    const topology = createTopology({ prefix, ackWaitMs: 1_500, maxDeliver: 4, maxAckPending: 64 });
    await ensureTopology(manager, topology);
    await assert.rejects(manager.consumers.info(`${prefix}_RUNS`, RUNS_CONSUMER), /consumer not found/);
    await ensureTopology(manager, topology, [topology.consumers.runs]);
    await ensureTopology(manager, topology, [topology.consumers.runs]);

    const runs = await manager.streams.info(`${prefix}_RUNS`);
    assert.equal(runs.config.retention, 'workqueue');
    assert.equal(runs.config.storage, 'file');
    assert.deepEqual(runs.config.subjects, [`${prefix.toLowerCase()}.runs.*`]);
    assert.equal(runs.config.duplicate_window, 120_000_000_000);
    const dlq = await manager.streams.info(`${prefix}_RUNS_DLQ`);
    assert.equal(dlq.config.retention, 'limits');
    assert.deepEqual(dlq.config.subjects, [`${prefix.toLowerCase()}.runs_dlq.*`]);
    const consumer = await manager.consumers.info(`${prefix}_RUNS`, RUNS_CONSUMER);
    assert.equal(consumer.config.ack_policy, 'explicit');
    assert.equal(consumer.config.ack_wait, 1_500_000_000);
    assert.equal(consumer.config.max_deliver, 4);
    assert.equal(consumer.config.max_ack_pending, 64);

    const changed = createTopology({ prefix, ackWaitMs: 2_500, maxDeliver: 6, duplicateWindowMs: 60_000 });
    await ensureTopology(manager, changed, [changed.consumers.runs]);
    const updated = await manager.consumers.info(`${prefix}_RUNS`, RUNS_CONSUMER);
    assert.equal(updated.config.ack_wait, 2_500_000_000);
    assert.equal(updated.config.max_deliver, 6);
    assert.equal((await manager.streams.info(`${prefix}_RUNS`)).config.duplicate_window, 60_000_000_000);
  });

  it('a max-delivered job is copied to the DLQ stream once and deleted from the work queue', async (t) => {
    const prefix = uniqueStreamPrefix();
    const bus = await connectNatsBus({ servers: natsTestServers(), prefix, name: 'dlq-move', maxDeliver: 2 });
    t.after(async () => {
      await bus.close();
      await cleanupNatsPrefix(prefix);
    });
    const job = { tenantId: 'acme', sessionId: newId(), runId: newId() };
    const letter = nextValue<DeadLetter>((deliver) => {
      bus.runQueue.onDeadLetter(deliver);
    });
    bus.runQueue.consume((delivery) => delivery.nak(), { concurrency: 1 });
    await bus.runQueue.enqueue(job);
    assert.equal((await letter).job.runId, job.runId);

    const manager = await jetstreamManager(bus.connection);
    await waitFor(async () =>
      (await manager.streams.info(`${prefix}_RUNS`)).state.messages === 0 ? true : undefined,
    );
    const dlq = await manager.streams.info(`${prefix}_RUNS_DLQ`);
    assert.equal(dlq.state.messages, 1);
    const stored = await manager.streams.getMessage(`${prefix}_RUNS_DLQ`, { seq: dlq.state.first_seq });
    assert.equal(stored?.subject, `${prefix.toLowerCase()}.runs_dlq.acme`);
    assert.equal(stored?.header.get('Nats-Msg-Id'), `dlq:${job.runId}`);
  });

  it('a job whose max-deliveries advisory nobody heard stays in the stream and is swept into the DLQ', async (t) => {
    const { prefix, connection } = await rawNats(t);
    const manager = await jetstreamManager(connection);
    const client = jetstream(connection);
    const topology = createTopology({ prefix, maxDeliver: 2 });
    await ensureTopology(manager, topology, [topology.consumers.runs]);
    const stream = topology.streams.runs.name;
    const orphan = { tenantId: 'acme', sessionId: newId(), runId: newId() };
    await client.publish(topology.subjects.runs('acme'), encode(orphan), { msgID: orphan.runId });

    // Exhaust the deliveries with no advisory listener anywhere.
    const consumer = await client.consumers.get(stream, RUNS_CONSUMER);
    for (let i = 0; i < 2; i += 1) (await consumer.next({ expires: 1_000 }))?.nak();
    assert.equal(await consumer.next({ expires: 1_000 }), null, 'delivered beyond max deliver');
    // NATS 2.9 keeps a max-delivered message in a work-queue stream: it is still retrievable.
    const kept = await manager.streams.getMessage(stream, { seq: 1 });
    assert.deepEqual(kept?.json(), orphan);
    // A later ack moves the consumer's ack floor past the orphan.
    await client.publish(topology.subjects.runs('acme'), encode({ ...orphan, runId: newId() }));
    await (await consumer.next({ expires: 1_000 }))?.ackAck();

    const bus = await connectNatsBus({ servers: natsTestServers(), prefix, name: 'sweeper', maxDeliver: 2 });
    t.after(() => bus.close());
    const letter = nextValue<DeadLetter>((deliver) => {
      bus.runQueue.onDeadLetter(deliver);
    });
    bus.runQueue.consume((delivery) => delivery.ack(), { concurrency: 1 });
    const dead = await letter;
    assert.deepEqual(dead.job, orphan);
    assert.equal(dead.reason, MAX_DELIVERIES_REASON);
    assert.equal(dead.deliveryCount, 2);
    await waitFor(async () => ((await manager.streams.info(stream)).state.messages === 0 ? true : undefined));
  });

  it('connecting with an invalid prefix or name fails before touching the server', async () => {
    await assert.rejects(connectNatsBus({ servers: natsTestServers(), prefix: 'bad.prefix', name: 'x' }), {
      code: 'INVALID_ARGUMENT',
    });
    await assert.rejects(connectNatsBus({ servers: natsTestServers(), prefix: 'OK', name: 'a.b' }), {
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('consumer ownership', () => {
  it('a non-consuming replica (a gateway) connecting later does not reset the workers consumer settings', async (t) => {
    const prefix = uniqueStreamPrefix();
    const worker = await connectNatsBus({
      servers: natsTestServers(),
      prefix,
      name: 'worker',
      ackWaitMs: 2_000,
    });
    const handle = worker.runQueue.consume(async (delivery) => delivery.ack(), { concurrency: 1 });
    const gateway = await connectNatsBus({ servers: natsTestServers(), prefix, name: 'gateway' });
    t.after(async () => {
      await handle.stop();
      await gateway.close();
      await worker.close();
      await cleanupNatsPrefix(prefix);
    });
    const manager = await jetstreamManager(worker.connection);
    const info = await waitFor(() =>
      manager.consumers.info(`${prefix}_RUNS`, RUNS_CONSUMER).catch(() => undefined),
    );
    assert.equal(info.config.ack_wait, 2_000_000_000);
    await gateway.runQueue.enqueue({ tenantId: 'acme', sessionId: newId(), runId: newId() });
    assert.equal(
      (await manager.consumers.info(`${prefix}_RUNS`, RUNS_CONSUMER)).config.ack_wait,
      2_000_000_000,
    );
  });
});
