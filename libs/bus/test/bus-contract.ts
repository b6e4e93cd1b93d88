import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { context, propagation, type SpanContext, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { newId, type RunEventRecord } from '@palyra/core';
import { extractTraceContext, type TraceCarrier } from '@palyra/telemetry';
import { nextValue, waitFor } from '@palyra/testkit';
import {
  type Bus,
  type ConsumerHandle,
  type ControlMessage,
  type DeadLetter,
  MAX_DELIVERIES_REASON,
  type RunDelivery,
  type RunJob,
} from '../src/index.js';

export interface BusContractOptions {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  /** First NAK delay after a handler throws. */
  readonly retryDelayMs: number;
}

/** One isolated backend (a stream prefix, a broker); every `open()` is another replica on it. */
export interface BusFixture {
  open(): Promise<Bus>;
}

/** Creates a fixture for one test and registers its cleanup on `t`. */
export type BusFixtureFactory = (t: TestContext, options: BusContractOptions) => Promise<BusFixture>;

const DEFAULTS: BusContractOptions = { ackWaitMs: 10_000, maxDeliver: 5, retryDelayMs: 50 };

// Trace context only travels with a registered propagator and a context manager, as in a service.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

function job(tenantId = 'acme'): RunJob {
  return { tenantId, sessionId: newId(), runId: newId() };
}

function event(runId: string, seq: number): RunEventRecord {
  return {
    tenantId: 'acme',
    sessionId: 'S',
    runId,
    seq,
    eventId: newId(),
    kind: 'model_token',
    actor: 'agent',
    payload: { text: `token ${seq}` },
    timestampUnixMs: Date.now(),
  };
}

function spanContext(): SpanContext {
  return {
    traceId: randomHex(32),
    spanId: randomHex(16),
    traceFlags: TraceFlags.SAMPLED,
    isRemote: false,
  };
}

function randomHex(length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(Math.random() * 16).toString(16);
  return out.replace(/^0+/, '1').padStart(length, '1');
}

function traceIdOf(carrier: Readonly<TraceCarrier>): string | undefined {
  return trace.getSpanContext(extractTraceContext(carrier))?.traceId;
}

function inSpan<T>(span: SpanContext, fn: () => T): T {
  return context.with(trace.setSpanContext(context.active(), span), fn);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the behaviour every Bus adapter must show, against `createFixture`'s backend. */
export function registerBusContract(adapter: string, createFixture: BusFixtureFactory): void {
  const setup = async (t: TestContext, overrides: Partial<BusContractOptions> = {}) =>
    createFixture(t, { ...DEFAULTS, ...overrides });

  describe(`Bus contract: ${adapter}`, { concurrency: true }, () => {
    it('enqueueing the same run id twice reports a duplicate and delivers once', async (t) => {
      const fixture = await setup(t);
      const bus = await fixture.open();
      const first = job();
      assert.deepEqual(await bus.runQueue.enqueue(first), { duplicate: false });
      assert.deepEqual(await bus.runQueue.enqueue({ ...first }), { duplicate: true });
      const sentinel = job();
      await bus.runQueue.enqueue(sentinel);

      const seen: string[] = [];
      bus.runQueue.consume(
        async (delivery) => {
          seen.push(delivery.job.runId);
          await delivery.ack();
        },
        { concurrency: 1 },
      );
      await waitFor(() => (seen.includes(sentinel.runId) ? true : undefined), { what: 'sentinel' });
      assert.deepEqual(seen, [first.runId, sentinel.runId]);
      await waitFor(async () => ((await bus.runQueue.pending()) === 0 ? true : undefined));
    });

    it('delivers a job to the handler with its fields, delivery count 1 and acks it away', async (t) => {
      const fixture = await setup(t);
      const bus = await fixture.open();
      const queued = job('tenant-b');
      await bus.runQueue.enqueue(queued);
      const delivery = await nextValue<RunDelivery>((deliver) => {
        bus.runQueue.consume(
          async (d) => {
            await d.ack();
            deliver(d);
          },
          { concurrency: 1 },
        );
      });
      assert.deepEqual(delivery.job, queued);
      assert.equal(delivery.deliveryCount, 1);
      await waitFor(async () => ((await bus.runQueue.pending()) === 0 ? true : undefined));
    });

    it('redelivers an unacknowledged job after the ack wait with delivery count 2', async (t) => {
      const ackWaitMs = 500;
      const fixture = await setup(t, { ackWaitMs });
      const bus = await fixture.open();
      const queued = job();
      await bus.runQueue.enqueue(queued);
      const times: number[] = [];
      const second = await nextValue<RunDelivery>((deliver) => {
        bus.runQueue.consume(
          async (delivery) => {
            times.push(performance.now());
            if (delivery.deliveryCount === 1) return; // neither ack nor nak: lost worker
            await delivery.ack();
            deliver(delivery);
          },
          { concurrency: 2 },
        );
      });
      assert.equal(second.job.runId, queued.runId);
      assert.equal(second.deliveryCount, 2);
      assert.equal(times.length, 2);
      // Loose bound: the handler starts some time after the server stamped the delivery, so
      // under load the gap measured here is shorter than the server's ack wait.
      const gap = times[1]! - times[0]!;
      assert.ok(gap >= ackWaitMs * 0.7, `redelivered after ${gap} ms`);
    });

    it('a NAK with delay redelivers no sooner than the delay', async (t) => {
      const delayMs = 400;
      const fixture = await setup(t);
      const bus = await fixture.open();
      await bus.runQueue.enqueue(job());
      let nakAt = 0;
      const second = await nextValue<RunDelivery>((deliver) => {
        bus.runQueue.consume(
          async (delivery) => {
            if (delivery.deliveryCount === 1) {
              nakAt = performance.now();
              await delivery.nak(delayMs);
              return;
            }
            await delivery.ack();
            deliver(delivery);
          },
          { concurrency: 1 },
        );
      });
      const waited = performance.now() - nakAt;
      assert.equal(second.deliveryCount, 2);
      assert.ok(waited >= delayMs - 5, `redelivered after ${waited} ms`);
    });

    it('inProgress heartbeats keep a job past its ack wait without redelivery', async (t) => {
      const ackWaitMs = 600;
      const fixture = await setup(t, { ackWaitMs });
      const bus = await fixture.open();
      await bus.runQueue.enqueue(job());
      const counts: number[] = [];
      const finished = nextValue<void>((deliver) => {
        bus.runQueue.consume(
          async (delivery) => {
            counts.push(delivery.deliveryCount);
            if (delivery.deliveryCount > 1) return;
            // A long run: 6 x 150 ms = 900 ms > ack wait, heartbeating throughout.
            for (let i = 0; i < 6; i += 1) {
              await pause(150);
              delivery.inProgress();
            }
            await delivery.ack();
            deliver();
          },
          { concurrency: 2 },
        );
      });
      await finished;
      await waitFor(async () => ((await bus.runQueue.pending()) === 0 ? true : undefined));
      assert.deepEqual(counts, [1]);
    });

    it('a job that exhausts max deliver is dead-lettered with delivery count = max', async (t) => {
      const maxDeliver = 3;
      const fixture = await setup(t, { maxDeliver });
      const bus = await fixture.open();
      const queued = job();
      const counts: number[] = [];
      const letter = nextValue<DeadLetter>((deliver) => {
        bus.runQueue.onDeadLetter((l) => deliver(l));
      });
      bus.runQueue.consume(
        async (delivery) => {
          counts.push(delivery.deliveryCount);
          await delivery.nak();
        },
        { concurrency: 1 },
      );
      await bus.runQueue.enqueue(queued);
      const dead = await letter;
      assert.deepEqual(dead.job, queued);
      assert.equal(dead.deliveryCount, maxDeliver);
      assert.equal(dead.reason, MAX_DELIVERIES_REASON);
      assert.deepEqual(counts, [1, 2, 3]);
      await waitFor(async () => ((await bus.runQueue.pending()) === 0 ? true : undefined));
    });

    it('term dead-letters the job with its reason and never redelivers it', async (t) => {
      const fixture = await setup(t, { ackWaitMs: 500 });
      const bus = await fixture.open();
      const queued = job();
      let deliveries = 0;
      const letter = nextValue<DeadLetter>((deliver) => {
        bus.runQueue.onDeadLetter((l) => deliver(l));
      });
      bus.runQueue.consume(
        async (delivery) => {
          deliveries += 1;
          await delivery.term('poison input');
        },
        { concurrency: 1 },
      );
      await bus.runQueue.enqueue(queued);
      const dead = await letter;
      assert.deepEqual(dead.job, queued);
      assert.equal(dead.reason, 'poison input');
      assert.equal(dead.deliveryCount, 1);
      // Gone from the queue, so nothing is left that could be redelivered.
      await waitFor(async () => ((await bus.runQueue.pending()) === 0 ? true : undefined));
      assert.equal(deliveries, 1);
    });

    it('a handler that throws does not stop the consumer; the job is retried', async (t) => {
      const fixture = await setup(t, { retryDelayMs: 20 });
      const bus = await fixture.open();
      const queued = job();
      await bus.runQueue.enqueue(queued);
      const second = await nextValue<RunDelivery>((deliver) => {
        bus.runQueue.consume(
          async (delivery) => {
            if (delivery.deliveryCount === 1) throw new Error('model provider exploded');
            await delivery.ack();
            deliver(delivery);
          },
          { concurrency: 1 },
        );
      });
      assert.equal(second.job.runId, queued.runId);
      assert.equal(second.deliveryCount, 2);
    });

    it('two consumers share N jobs: each handled exactly once, never above concurrency', async (t) => {
      const fixture = await setup(t);
      const [a, b] = await Promise.all([fixture.open(), fixture.open()]);
      const handledBy = new Map<string, string[]>();
      const peak = { a: 0, b: 0 };
      const consumeOn = (bus: Bus, name: 'a' | 'b') => {
        let inFlight = 0;
        bus.runQueue.consume(
          async (delivery) => {
            inFlight += 1;
            peak[name] = Math.max(peak[name], inFlight);
            await pause(5);
            handledBy.set(delivery.job.runId, [...(handledBy.get(delivery.job.runId) ?? []), name]);
            inFlight -= 1;
            await delivery.ack();
          },
          { concurrency: 2 },
        );
      };
      consumeOn(a!, 'a');
      consumeOn(b!, 'b');
      const jobs = Array.from({ length: 20 }, () => job());
      for (const queued of jobs) await (jobs.indexOf(queued) % 2 === 0 ? a! : b!).runQueue.enqueue(queued);

      await waitFor(() => (handledBy.size === jobs.length ? true : undefined), { what: 'all jobs' });
      await waitFor(async () => ((await a!.runQueue.pending()) === 0 ? true : undefined));
      for (const queued of jobs) assert.equal(handledBy.get(queued.runId)?.length, 1, queued.runId);
      const byA = [...handledBy.values()].filter(([name]) => name === 'a').length;
      assert.ok(byA > 0 && byA < jobs.length, `a handled ${byA} of ${jobs.length}`);
      assert.ok(peak.a <= 2 && peak.b <= 2, `peaks ${JSON.stringify(peak)}`);
    });

    it('stop waits for in-flight handlers and stops taking jobs', async (t) => {
      const fixture = await setup(t);
      const bus = await fixture.open();
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let stopHandle: ConsumerHandle | undefined;
      const started = nextValue<void>((deliver) => {
        stopHandle = bus.runQueue.consume(
          async (delivery) => {
            deliver();
            await released;
            await delivery.ack();
          },
          { concurrency: 1 },
        );
      });
      await bus.runQueue.enqueue(job());
      await started;
      let stopped = false;
      const stopping = stopHandle!.stop(10_000).then(() => {
        stopped = true;
      });
      await pause(50);
      assert.equal(stopped, false, 'stop returned while a handler was still running');
      release();
      await stopping;

      // A job enqueued now goes to the next consumer on its first delivery.
      const later = job();
      await bus.runQueue.enqueue(later);
      const delivery = await nextValue<RunDelivery>((deliver) => {
        bus.runQueue.consume(
          async (d) => {
            await d.ack();
            deliver(d);
          },
          { concurrency: 1 },
        );
      });
      assert.equal(delivery.job.runId, later.runId);
      assert.equal(delivery.deliveryCount, 1);
    });

    it('pending counts queued and in-flight jobs', async (t) => {
      const fixture = await setup(t);
      const bus = await fixture.open();
      for (let i = 0; i < 3; i += 1) await bus.runQueue.enqueue(job());
      await waitFor(async () => ((await bus.runQueue.pending()) === 3 ? true : undefined), {
        what: '3 pending',
      });
      let acked = 0;
      bus.runQueue.consume(
        async (delivery) => {
          await delivery.ack();
          acked += 1;
        },
        { concurrency: 3 },
      );
      await waitFor(() => (acked === 3 ? true : undefined));
      await waitFor(async () => ((await bus.runQueue.pending()) === 0 ? true : undefined), {
        what: '0 pending',
      });
    });

    it("a run's live events arrive in order, only to that run's subscribers", async (t) => {
      const fixture = await setup(t);
      const [worker, gateway1, gateway2] = await Promise.all([
        fixture.open(),
        fixture.open(),
        fixture.open(),
      ]);
      const runA = newId();
      const runB = newId();
      const received = { a1: [] as number[], a2: [] as number[], b: [] as number[] };
      const collect = (into: number[]) => (events: readonly RunEventRecord[]) => {
        for (const e of events) into.push(e.seq);
      };
      const subscriptions = [
        gateway1!.runEvents.subscribe('acme', runA, collect(received.a1)),
        gateway2!.runEvents.subscribe('acme', runA, collect(received.a2)),
        gateway2!.runEvents.subscribe('acme', runB, collect(received.b)),
      ];
      await Promise.all(subscriptions.map((s) => s.ready));

      worker!.runEvents.publish('acme', runA, [event(runA, 1), event(runA, 2)]);
      worker!.runEvents.publish('acme', runB, [event(runB, 1)]);
      worker!.runEvents.publish('acme', runA, [event(runA, 3)]);
      worker!.runEvents.publish('acme', runB, [event(runB, 2), event(runB, 3)]);
      for (let seq = 4; seq <= 50; seq += 1) worker!.runEvents.publish('acme', runA, [event(runA, seq)]);
      worker!.runEvents.publish('acme', runA, []);

      const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
      await waitFor(() => (received.a1.length >= 50 && received.a2.length >= 50 ? true : undefined));
      await waitFor(() => (received.b.length >= 3 ? true : undefined));
      // A sentinel after everything: anything misrouted would have arrived before it.
      worker!.runEvents.publish('acme', runB, [event(runB, 4)]);
      await waitFor(() => (received.b.length >= 4 ? true : undefined));
      assert.deepEqual(received.a1, upTo(50));
      assert.deepEqual(received.a2, upTo(50));
      assert.deepEqual(received.b, upTo(4));

      subscriptions[0]!.unsubscribe();
      worker!.runEvents.publish('acme', runA, [event(runA, 51)]);
      await waitFor(() => (received.a2.length >= 51 ? true : undefined));
      assert.equal(received.a1.length, 50, 'unsubscribed listener still received');
    });

    it("control messages reach only that run's listener", async (t) => {
      const fixture = await setup(t);
      const [gateway, worker] = await Promise.all([fixture.open(), fixture.open()]);
      const runA = newId();
      const runB = newId();
      const a: ControlMessage[] = [];
      const b: ControlMessage[] = [];
      const subscriptions = [
        worker!.control.listen('acme', runA, (m) => a.push(m)),
        worker!.control.listen('acme', runB, (m) => b.push(m)),
      ];
      await Promise.all(subscriptions.map((s) => s.ready));
      const cancel: ControlMessage = {
        type: 'cancel',
        reason: 'cancelled by request',
        requestedBy: 'user:1',
      };
      const approval: ControlMessage = { type: 'approval', approvalId: newId() };
      gateway!.control.notify('acme', runA, approval);
      gateway!.control.notify('acme', runB, cancel);
      gateway!.control.notify('acme', runA, { type: 'half_close' });
      gateway!.control.notify('acme', runB, { type: 'half_close' });
      await waitFor(() => (a.length >= 2 && b.length >= 2 ? true : undefined));
      assert.deepEqual(a, [approval, { type: 'half_close' }]);
      assert.deepEqual(b, [cancel, { type: 'half_close' }]);
      // Other tenants' runs with the same id are other subjects.
      gateway!.control.notify('other', runA, cancel);
      gateway!.control.notify('acme', runA, { type: 'input', eventId: 'E1' });
      await waitFor(() => (a.length >= 3 ? true : undefined));
      assert.deepEqual(a[2], { type: 'input', eventId: 'E1' });
    });

    it('trace context of the publisher reaches job consumers, event subscribers and listeners', async (t) => {
      const fixture = await setup(t);
      const [gateway, worker] = await Promise.all([fixture.open(), fixture.open()]);
      const span = spanContext();
      const runId = newId();

      const subscriptions: { ready: Promise<void> }[] = [];
      const eventTrace = nextValue<Readonly<TraceCarrier>>((deliver) => {
        const s = gateway!.runEvents.subscribe('acme', runId, (_events, carrier) => deliver(carrier));
        subscriptions.push(s);
      });
      const controlTrace = nextValue<Readonly<TraceCarrier>>((deliver) => {
        const s = worker!.control.listen('acme', runId, (_message, carrier) => deliver(carrier));
        subscriptions.push(s);
      });
      await Promise.all(subscriptions.map((s) => s.ready));

      await inSpan(span, () => gateway!.runQueue.enqueue({ tenantId: 'acme', sessionId: newId(), runId }));
      const delivery = await nextValue<RunDelivery>((deliver) => {
        worker!.runQueue.consume(
          async (d) => {
            await d.ack();
            deliver(d);
          },
          { concurrency: 1 },
        );
      });
      assert.equal(traceIdOf(delivery.trace), span.traceId);

      inSpan(span, () => worker!.runEvents.publish('acme', runId, [event(runId, 1)]));
      inSpan(span, () => gateway!.control.notify('acme', runId, { type: 'half_close' }));
      assert.equal(traceIdOf(await eventTrace), span.traceId);
      assert.equal(traceIdOf(await controlTrace), span.traceId);
    });

    it('rejects ids that are not single subject tokens', async (t) => {
      const fixture = await setup(t);
      const bus = await fixture.open();
      await assert.rejects(bus.runQueue.enqueue({ ...job(), tenantId: 'acme.>' }), {
        code: 'INVALID_ARGUMENT',
      });
      await assert.rejects(bus.runQueue.enqueue({ ...job(), runId: 'a b' }), { code: 'INVALID_ARGUMENT' });
      assert.throws(() => bus.runEvents.subscribe('acme', '*', () => {}), { code: 'INVALID_ARGUMENT' });
      assert.throws(() => bus.control.notify('ACME', newId(), { type: 'half_close' }), {
        code: 'INVALID_ARGUMENT',
      });
    });

    it('ping resolves while open and rejects after close', async (t) => {
      const fixture = await setup(t);
      const bus = await fixture.open();
      await bus.ping();
      await bus.close();
      await assert.rejects(bus.ping());
    });
  });
}
