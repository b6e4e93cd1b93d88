import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CANCELLED_BY_REQUEST, newId, type RunEndedPayload } from '@palyra/core';
import { createDeterministicProvider, type ModelProvider } from '@palyra/providers';
import { nextValue, waitFor } from '@palyra/testkit';
import {
  assertWellFormed,
  countOf,
  createHarness,
  type DeadLetter,
  type Driver,
  metricValue,
  tokenPayloads,
  turnText,
  words,
} from './harness.js';

/** A provider that answers like the deterministic one but in upper case: a different model. */
function shoutingProvider(): ModelProvider {
  const inner = createDeterministicProvider();
  return {
    name: 'shouting',
    async *stream(request, signal) {
      for await (const event of inner.stream(request, signal)) {
        yield event.type === 'text' ? { type: 'text', text: event.text.toUpperCase() } : event;
      }
    },
  };
}

function ended(events: readonly { payload: unknown }[]): RunEndedPayload & { code?: string } {
  return events.at(-1)?.payload as RunEndedPayload & { code?: string };
}

/** The behaviours every backend must show; registered once per driver. */
export function registerOrchestratorScenarios(driver: Driver): void {
  after(() => driver.dispose());

  describe(`orchestrator on ${driver.name}`, () => {
    it('answers the input in chunks of at most 16 words that concatenate to it, and ends DONE after half-close', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker();
      const gateway = await harness.gateway();
      const text = `${words(50)} and a last line\n  with trailing space `;
      const run = await gateway.startRun(text);
      await run.waitForLive(
        (event) => event.kind === 'model_token' && tokenPayloads([event])[0]?.awaiting_input === true,
      );
      await run.halfClose();
      const events = await run.ended();

      assertWellFormed(events);
      assert.equal(countOf(events.slice(1, 2), 'IN_PROGRESS'), 1, 'IN_PROGRESS at seq 2');
      assert.equal(turnText(events, 1), text);
      const chunks = tokenPayloads(events);
      assert.ok(chunks.length >= 4);
      assert.deepEqual(
        chunks.map((chunk) => chunk.is_final),
        chunks.map((_, index) => index === chunks.length - 1),
      );
      assert.deepEqual(
        chunks.map((chunk) => chunk.awaiting_input),
        chunks.map((_, index) => (index === chunks.length - 1 ? true : undefined)),
        'only the final chunk of a finished answer says the run awaits input',
      );
      assert.ok(chunks.every((chunk) => chunk.turn === 1 && chunk.in_reply_to === run.inputIds[0]));
      assert.equal(ended(events).status, 'DONE');
      assert.equal(await run.state(), 'done');
      assert.deepEqual(await harness.repositories.journal.verifyChain(harness.tenantId, run.sessionId), {
        ok: true,
        length: events.length + 1,
        headHash: events.at(-1)?.hash,
      });
      // Live: every event arrived after it was durable, and the client saw the whole stream.
      await run.waitForLive((event) => event.kind === 'run_completed');
      assert.deepEqual(run.notDurableWhenReceived, []);
      assert.deepEqual(
        [...new Set(run.live.map((event) => event.seq))].sort((a, b) => a - b),
        events.map((event) => event.runSeq),
      );
      for (const event of run.live) {
        const stored = events.find((candidate) => candidate.runSeq === event.seq);
        assert.equal(stored?.eventId, event.eventId, `live seq ${event.seq} is the journaled event`);
      }
    });

    it('answers a second input in the same run as turn 2, with the first turn as context', async (t) => {
      const harness = await createHarness(t, driver);
      const seen: string[][] = [];
      const inner = createDeterministicProvider();
      await harness.startWorker({
        provider: {
          name: 'recording',
          stream(request, signal) {
            seen.push(request.messages.map((message) => `${message.role}:${message.content}`));
            return inner.stream(request, signal);
          },
        },
      });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('first question');
      await run.waitForLive((event) => tokenPayloads([event])[0]?.is_final === true);
      await run.send('second question here');
      await run.waitForLive((event) => {
        const chunk = tokenPayloads([event])[0];
        return chunk?.turn === 2 && chunk.is_final && chunk.awaiting_input === true;
      });
      await run.halfClose();
      const events = await run.ended();

      assertWellFormed(events);
      assert.equal(turnText(events, 1), 'first question');
      assert.equal(turnText(events, 2), 'second question here');
      assert.ok(tokenPayloads(events).every((chunk) => chunk.in_reply_to === run.inputIds[chunk.turn - 1]));
      assert.equal(countOf(events, 'IN_PROGRESS'), 1);
      assert.equal(ended(events).status, 'DONE');
      assert.deepEqual(seen[1], [
        'user:first question',
        'assistant:first question',
        'user:second question here',
      ]);
    });

    it('a turn without text still ends with an empty final chunk that awaits input', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({
        provider: {
          name: 'silent',
          async *stream() {
            yield { type: 'finish', reason: 'stop', usage: { promptTokens: 1, completionTokens: 0 } };
          },
        },
      });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('say nothing');
      await run.waitForLive((event) => tokenPayloads([event])[0]?.awaiting_input === true);
      await run.halfClose();
      const events = await run.ended();

      assertWellFormed(events);
      assert.deepEqual(
        tokenPayloads(events).map(({ usage: _usage, ...chunk }) => chunk),
        [{ text: '', is_final: true, turn: 1, in_reply_to: run.inputIds[0], awaiting_input: true }],
      );
      assert.equal(ended(events).status, 'DONE');
    });

    it("includes the session's previous runs in the model context", async (t) => {
      const harness = await createHarness(t, driver);
      const seen: string[][] = [];
      const inner = createDeterministicProvider();
      await harness.startWorker({
        provider: {
          name: 'recording',
          stream(request, signal) {
            seen.push(request.messages.map((message) => `${message.role}:${message.content}`));
            return inner.stream(request, signal);
          },
        },
      });
      const gateway = await harness.gateway();
      const first = await gateway.startRun('remember blue');
      await first.halfClose();
      await first.ended();
      const second = await gateway.startRun('what colour', { sessionId: first.sessionId });
      await second.halfClose();
      await second.ended();
      assert.deepEqual(seen[1], ['user:remember blue', 'assistant:remember blue', 'user:what colour']);
    });

    it('cancel mid-stream stops the model and ends the run FAILED "cancelled by request" within milliseconds', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({ provider: createDeterministicProvider({ tokenDelayMs: 20 }) });
      const gateway = await harness.gateway();
      const run = await gateway.startRun(words(200));
      await run.waitForLive((event) => event.kind === 'model_token');
      // cancel() writes the durable flag, then notifies: measure from the control message.
      await run.cancel();
      const notifiedAt = performance.now();
      const failed = await run.waitForLive((event) => event.kind === 'run_failed');
      const latencyMs = performance.now() - notifiedAt;
      t.diagnostic(`control message to live FAILED: ${latencyMs.toFixed(1)} ms`);
      assert.ok(latencyMs < 500, `cancel took ${latencyMs} ms`);

      const events = await run.ended();
      assertWellFormed(events);
      assert.equal(failed.seq, events.at(-1)?.runSeq);
      assert.deepEqual(ended(events), {
        status: 'FAILED',
        message: CANCELLED_BY_REQUEST,
        code: 'CANCELLED',
        reason: 'cancelled',
        hint: 'the run was cancelled by a client or an operator',
      });
      assert.ok(turnText(events, 1).length < words(200).length, 'the answer was cut short');
      assert.equal(await run.state(), 'cancelled');
      assert.deepEqual(run.notDurableWhenReceived, []);
    });

    it('a run cancelled before any worker picks it up ends FAILED without IN_PROGRESS or an answer', async (t) => {
      const harness = await createHarness(t, driver);
      const gateway = await harness.gateway();
      const run = await gateway.startRun('never answered');
      await run.cancel();
      await harness.startWorker();
      const events = await run.ended();
      assertWellFormed(events);
      assert.deepEqual(
        events.map((event) => event.kind),
        ['run_status', 'run_failed'],
      );
      assert.equal(ended(events).message, CANCELLED_BY_REQUEST);
      assert.equal(await run.state(), 'cancelled');
    });

    it('a half-close before pickup ends the run DONE right after the answer, without the idle timeout', async (t) => {
      const harness = await createHarness(t, driver);
      const gateway = await harness.gateway();
      const run = await gateway.startRun('short answer');
      await run.halfClose();
      const started = performance.now();
      await harness.startWorker({ settings: { inputIdleTimeoutMs: 60_000 } });
      const events = await run.ended(10_000);
      assert.ok(performance.now() - started < 5_000);
      assertWellFormed(events);
      assert.deepEqual(
        events.map((event) => event.kind),
        ['run_status', 'run_status', 'model_token', 'run_completed'],
      );
      assert.equal(turnText(events, 1), 'short answer');
      assert.equal(await run.state(), 'done');
    });

    it('writes IN_PROGRESS for a run a crashed worker moved to in_progress before journaling it', async (t) => {
      const harness = await createHarness(t, driver);
      const gateway = await harness.gateway();
      const run = await gateway.startRun('after a crash');
      await run.halfClose();
      await harness.repositories.runs.transition(harness.tenantId, run.runId, 'in_progress');
      await harness.startWorker();
      const events = await run.ended();
      assertWellFormed(events);
      assert.equal(countOf(events.slice(1, 2), 'IN_PROGRESS'), 1);
      assert.equal(turnText(events, 1), 'after a crash');
      assert.equal(await run.state(), 'done');
    });

    it('only finishes the transition of a run whose terminal event a crashed worker journaled', async (t) => {
      const harness = await createHarness(t, driver);
      const gateway = await harness.gateway();
      const run = await gateway.startRun('almost done');
      await harness.repositories.journal.append(harness.tenantId, run.sessionId, [
        {
          eventId: newId(),
          runId: run.runId,
          runSeq: 2,
          kind: 'run_status',
          actor: 'system',
          payload: { status: 'IN_PROGRESS', message: 'in progress' },
        },
        {
          eventId: newId(),
          runId: run.runId,
          runSeq: 3,
          kind: 'model_token',
          actor: 'agent',
          payload: { text: 'almost done', is_final: true, turn: 1, in_reply_to: run.inputIds[0] },
        },
        {
          eventId: newId(),
          runId: run.runId,
          runSeq: 4,
          kind: 'run_completed',
          actor: 'system',
          payload: { status: 'DONE', message: 'done' },
        },
      ]);
      const worker = await harness.startWorker();
      assert.equal(await run.state(), 'done');
      assert.equal((await run.journalEvents()).length, 4, 'nothing was added');
      // The state is durable before the delivery is acked and counted: wait for the count.
      await waitFor(
        async () =>
          (await metricValue(worker.metrics, 'palyra_runs_total', { outcome: 'done' })) >= 1 || undefined,
        { timeoutMs: 5_000, intervalMs: 5, what: 'the delivery to be counted' },
      );
      assert.equal(await metricValue(worker.metrics, 'palyra_runs_total', { outcome: 'done' }), 1);
    });

    it('ends the run DONE when no input arrives within the idle timeout', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({ settings: { inputIdleTimeoutMs: 300 } });
      const gateway = await harness.gateway();
      const started = performance.now();
      const run = await gateway.startRun('then silence');
      const events = await run.ended();
      assert.ok(performance.now() - started >= 300);
      assertWellFormed(events);
      assert.equal(ended(events).status, 'DONE');
      assert.equal(turnText(events, 1), 'then silence');
      assert.equal(await run.state(), 'done');
    });

    it('fails a run that exceeds the wall clock limit with a message naming the limit', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({
        provider: createDeterministicProvider({ tokenDelayMs: 20 }),
        settings: { wallClockMs: 300 },
      });
      const gateway = await harness.gateway();
      const run = await gateway.startRun(words(100));
      const events = await run.ended();
      assertWellFormed(events);
      const payload = ended(events);
      assert.equal(payload.status, 'FAILED');
      assert.equal(payload.code, 'DEADLINE_EXCEEDED');
      assert.equal(payload.reason, 'wall_clock_limit');
      assert.match(payload.message, /wall clock limit of 300 ms \(PALYRA_RUN_WALL_CLOCK_MS\)/);
      assert.equal(await run.state(), 'failed');
    });

    it('a run whose worker dies mid-stream is completed by another worker with no seq duplicated or missing', async (t) => {
      const harness = await createHarness(t, driver, { ackWaitMs: 1_000 });
      const first = await harness.startWorker({
        provider: createDeterministicProvider({ tokenDelayMs: 15 }),
        settings: { concurrency: 1, ackWaitMs: 1_000, batchMaxDelayMs: 2 },
        dieAfterTokens: 3,
      });
      const gateway = await harness.gateway();
      const text = words(40);
      const run = await gateway.startRun(text);
      await run.halfClose();
      await run.waitForLive((event) => event.kind === 'model_token');
      const second = await harness.startWorker({ settings: { ackWaitMs: 1_000 } });
      const events = await run.ended();

      assert.ok(first.death.dead);
      assertWellFormed(events);
      assert.equal(countOf(events, 'IN_PROGRESS'), 1);
      assert.equal(turnText(events, 1), text, 'the client-visible text is intact');
      assert.deepEqual(
        tokenPayloads(events).map((chunk) => chunk.turn),
        tokenPayloads(events).map(() => 1),
      );
      assert.equal(tokenPayloads(events).filter((chunk) => chunk.is_final).length, 1);
      assert.ok(first.runsWritten.has(run.runId) && second.runsWritten.has(run.runId));
      assert.equal(await metricValue(second.metrics, 'palyra_run_redeliveries_total'), 1);
      assert.equal(await run.state(), 'done');
      assert.equal(
        (await harness.repositories.journal.verifyChain(harness.tenantId, run.sessionId)).ok,
        true,
      );

      // The zombie comes back: its held append loses the seq race and it stops without settling.
      first.death.revive();
      await waitForMetric(first, 'palyra_runs_total', { outcome: 'superseded' });
      assert.deepEqual(first.death.settleAttemptsAfterDeath, []);
      assert.deepEqual(await run.journalEvents(), events, 'the zombie wrote nothing');
    });

    it('a resumed turn that regenerates different text is closed with an empty final chunk and answered anew', async (t) => {
      const harness = await createHarness(t, driver, { ackWaitMs: 1_000 });
      await harness.startWorker({
        provider: createDeterministicProvider({ tokenDelayMs: 15 }),
        settings: { concurrency: 1, ackWaitMs: 1_000, batchMaxDelayMs: 2 },
        dieAfterTokens: 2,
      });
      const gateway = await harness.gateway();
      const text = words(20, 'w');
      const run = await gateway.startRun(text);
      await run.halfClose();
      await run.waitForLive((event) => event.kind === 'model_token');
      await harness.startWorker({ provider: shoutingProvider(), settings: { ackWaitMs: 1_000 } });
      const events = await run.ended();

      assertWellFormed(events);
      const chunks = tokenPayloads(events);
      const firstTurn = chunks.filter((chunk) => chunk.turn === 1);
      assert.ok(text.startsWith(turnText(events, 1)), 'turn 1 keeps what the first worker journaled');
      // The abandoned turn is closed without awaiting_input: the new turn follows at once.
      assert.deepEqual(firstTurn.at(-1), { text: '', is_final: true, turn: 1, in_reply_to: run.inputIds[0] });
      assert.equal(turnText(events, 2), text.toUpperCase());
      const lastChunk = chunks.filter((chunk) => chunk.turn === 2).at(-1);
      assert.ok(lastChunk?.is_final);
      assert.equal(lastChunk?.awaiting_input, true);
      assert.equal(ended(events).status, 'DONE');
    });

    it('on shutdown a turn may run until the grace period ends, then its run is handed back and continued elsewhere', async (t) => {
      const harness = await createHarness(t, driver);
      const first = await harness.startWorker({
        provider: createDeterministicProvider({ tokenDelayMs: 10 }),
      });
      const gateway = await harness.gateway();
      const text = words(100);
      const run = await gateway.startRun(text);
      await run.halfClose();
      await run.waitForLive((event) => event.kind === 'model_token');
      const second = await harness.startWorker();
      const drainStarted = performance.now();
      await first.orchestrator.drain(200);
      assert.ok(performance.now() - drainStarted < 2_000, 'drain kept its deadline');
      const events = await run.ended();

      assertWellFormed(events);
      assert.equal(turnText(events, 1), text);
      assert.equal(ended(events).status, 'DONE');
      assert.equal(await metricValue(first.metrics, 'palyra_runs_total', { outcome: 'handed_off' }), 1);
      assert.equal(await metricValue(second.metrics, 'palyra_run_redeliveries_total'), 1);
    });

    it('on shutdown a run waiting for client input is handed back at once and answers the next input elsewhere', async (t) => {
      const harness = await createHarness(t, driver);
      const first = await harness.startWorker({ settings: { inputIdleTimeoutMs: 60_000 } });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('first');
      await run.waitForLive((event) => tokenPayloads([event])[0]?.is_final === true);
      const second = await harness.startWorker({ settings: { inputIdleTimeoutMs: 60_000 } });
      const drainStarted = performance.now();
      await first.orchestrator.drain(30_000);
      assert.ok(performance.now() - drainStarted < 5_000, 'an idle run does not hold shutdown');
      await run.send('second');
      await run.waitForLive((event) => tokenPayloads([event])[0]?.turn === 2);
      await run.halfClose();
      const events = await run.ended();

      assertWellFormed(events);
      assert.equal(turnText(events, 1), 'first');
      assert.equal(turnText(events, 2), 'second');
      assert.equal(countOf(events, 'IN_PROGRESS'), 1);
      assert.equal(await metricValue(first.metrics, 'palyra_runs_total', { outcome: 'handed_off' }), 1);
      assert.ok(second.runsWritten.has(run.runId));
    });

    it('two workers share many runs and each run is executed to completion exactly once', async (t) => {
      const harness = await createHarness(t, driver);
      const workers = [
        await harness.startWorker({ settings: { concurrency: 4 } }),
        await harness.startWorker({ settings: { concurrency: 4 } }),
      ];
      const gateway = await harness.gateway();
      const runs = await Promise.all(
        Array.from({ length: 40 }, async (_, index) => {
          const run = await gateway.startRun(words(20 + index, `r${index}w`));
          await run.halfClose();
          return run;
        }),
      );
      for (const [index, run] of runs.entries()) {
        const events = await run.ended();
        assertWellFormed(events);
        assert.equal(countOf(events, 'IN_PROGRESS'), 1);
        assert.equal(countOf(events, 'DONE'), 1);
        assert.equal(turnText(events, 1), words(20 + index, `r${index}w`));
        assert.equal(await run.state(), 'done');
        const writers = workers.filter((worker) => worker.runsWritten.has(run.runId));
        assert.equal(writers.length, 1, `run ${index} was executed by exactly one worker`);
      }
      for (const worker of workers) {
        assert.ok(worker.runsWritten.size > 0, 'both workers took runs');
        assert.equal(await metricValue(worker.metrics, 'palyra_run_redeliveries_total'), 0);
      }
      const done = await Promise.all(
        workers.map((worker) => metricValue(worker.metrics, 'palyra_runs_total', { outcome: 'done' })),
      );
      assert.equal(
        done.reduce((sum, value) => sum + value, 0),
        40,
      );
    });

    it('terminates a job for an unknown run to the dead-letter subject and keeps working', async (t) => {
      const harness = await createHarness(t, driver);
      const observer = await harness.openBus('observer');
      const letter = nextValue<DeadLetter>((deliver) => {
        observer.runQueue.onDeadLetter((received) => deliver(received));
      });
      const worker = await harness.startWorker();
      const job = { tenantId: harness.tenantId, sessionId: newId(), runId: newId() };
      await observer.runQueue.enqueue(job);
      const received = await letter;
      assert.deepEqual(received.job, job);
      assert.equal(received.reason, `run ${job.runId} not found`);

      const run = await (await harness.gateway()).startRun('still working');
      await run.halfClose();
      assert.equal(ended(await run.ended()).status, 'DONE');
      assert.equal(await metricValue(worker.metrics, 'palyra_runs_total', { outcome: 'rejected' }), 1);
    });

    it('fails a run whose job exhausted its deliveries, so its client sees an end', async (t) => {
      const harness = await createHarness(t, driver, { ackWaitMs: 1_000, maxDeliver: 1 });
      await harness.startWorker({
        provider: createDeterministicProvider({ tokenDelayMs: 15 }),
        settings: { concurrency: 1, ackWaitMs: 1_000, maxDeliver: 1, batchMaxDelayMs: 2 },
        dieAfterTokens: 1,
      });
      const gateway = await harness.gateway();
      const run = await gateway.startRun(words(30));
      await run.waitForLive((event) => event.kind === 'model_token');
      await harness.startWorker({ settings: { ackWaitMs: 1_000, maxDeliver: 1 } });
      const events = await run.ended(20_000);
      assertWellFormed(events);
      const payload = ended(events);
      assert.equal(payload.status, 'FAILED');
      assert.equal(payload.reason, 'dead_lettered');
      assert.equal(await run.state(), 'failed');
    });
  });
}

async function waitForMetric(
  worker: { metrics: Parameters<typeof metricValue>[0] },
  name: string,
  labels: Record<string, string>,
): Promise<void> {
  await waitFor(async () => ((await metricValue(worker.metrics, name, labels)) > 0 ? true : undefined), {
    what: `${name} ${JSON.stringify(labels)}`,
  });
}
