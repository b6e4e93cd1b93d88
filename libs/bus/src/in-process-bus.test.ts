import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Logger, silentLogger } from '@palyra/core';
import { waitFor } from '@palyra/testkit';
import { createInProcessBus } from './in-process-bus.js';

const job = { tenantId: 'acme', sessionId: 'S1', runId: 'R1' };

test('createInProcessBus pings while open; after close it refuses work', async () => {
  const bus = createInProcessBus();
  await bus.ping();
  await bus.close();
  await assert.rejects(bus.ping(), { code: 'UNAVAILABLE' });
  await assert.rejects(bus.runQueue.enqueue(job), { code: 'UNAVAILABLE' });
  assert.throws(() => bus.runQueue.consume(async () => {}, { concurrency: 1 }), { code: 'UNAVAILABLE' });
});

test('a run id is accepted again once the duplicate window has passed', async (t) => {
  const bus = createInProcessBus({ duplicateWindowMs: 50 });
  t.after(() => bus.close());
  assert.equal((await bus.runQueue.enqueue(job)).duplicate, false);
  assert.equal((await bus.runQueue.enqueue(job)).duplicate, true);
  await waitFor(async () => ((await bus.runQueue.enqueue(job)).duplicate ? undefined : true), {
    what: 'window to pass',
  });
  assert.equal(await bus.runQueue.pending(), 2);
});

test('a subscriber that throws is isolated from the publisher and other subscribers', async (t) => {
  const errors: unknown[] = [];
  const logger: Logger = {
    ...silentLogger,
    error: (fields: unknown) => {
      errors.push(fields);
    },
  };
  const bus = createInProcessBus({ logger });
  t.after(() => bus.close());
  const received: number[] = [];
  bus.control.listen('acme', 'R1', () => {
    throw new Error('listener bug');
  });
  bus.control.listen('acme', 'R1', () => received.push(1));
  bus.control.notify('acme', 'R1', { type: 'half_close' });
  await waitFor(() => (received.length === 1 && errors.length === 1 ? true : undefined));
});
