// Faults in a real cluster (2 gateway and 2 orchestrator processes on Postgres and NATS): a worker
// killed mid-run, a client moving to another gateway, a cancel crossing gateways, a gateway
// shut down under open streams. What clients saw is compared with the journal every time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent, RunHandle } from '@palyra/client';
import { newId } from '@palyra/core';
import { metricValue, waitFor } from '@palyra/testkit';
import {
  assertContiguous,
  assertMatchesJournal,
  assertSameSeqs,
  type DistributedCluster,
  type ObservedRun,
  openDistributedCluster,
  sentence,
  TENANT,
  within,
} from './distributed-cluster.js';

/** Slow enough that runs are still streaming when the fault hits; redelivery after 2 s of silence. */
const SLOW_RUNS = {
  orchestratorEnv: {
    PALYRA_DETERMINISTIC_TOKEN_DELAY_MS: '25',
    PALYRA_RUN_ACK_WAIT_MS: '2000',
    PALYRA_RUN_INPUT_IDLE_TIMEOUT_MS: '5000',
  },
} as const;
const RUN_TIMEOUT_MS = 45_000;

interface TrackedRun {
  readonly handle: RunHandle;
  readonly input: string;
  readonly seqs: number[];
  readonly events: RunEvent[];
  /** Events without a run seq (a draining gateway's reconnect notice), with the seq seen before. */
  readonly notices: { readonly event: RunEvent; readonly afterSeq: number }[];
}

/** Opens a run, half-closed at once (one answer, then DONE), recording every event it receives. */
function startRun(
  env: DistributedCluster,
  firstGateway: number,
  input: string,
  sessionKey: string,
): TrackedRun {
  const client = env.client(firstGateway);
  const seqs: number[] = [];
  const events: RunEvent[] = [];
  const notices: TrackedRun['notices'] = [];
  const handle = client.openRun({
    text: input,
    sessionKey,
    bufferEvents: false,
    onEvent: (event) => {
      if (event.seq === 0) {
        notices.push({ event, afterSeq: seqs.at(-1) ?? 0 });
        return;
      }
      seqs.push(event.seq);
      events.push(event);
    },
  });
  handle.halfClose();
  return { handle, input, seqs, events, notices };
}

function tokensOf(run: TrackedRun): number {
  return run.events.filter((event) => event.type === 'token').length;
}

async function finish(run: TrackedRun): Promise<ObservedRun> {
  const outcome = await within(run.handle.done, RUN_TIMEOUT_MS, `run ${run.handle.runId} to finish`);
  return { runId: run.handle.runId, input: run.input, seqs: run.seqs, events: run.events, outcome };
}

async function assertDoneAndDurable(
  env: DistributedCluster,
  observed: readonly ObservedRun[],
): Promise<void> {
  const sessions = new Set<string>();
  for (const run of observed) {
    assert.equal(run.outcome.status, 'DONE', `run ${run.runId} ends DONE (got: ${run.outcome.message})`);
    assert.equal(run.outcome.text, run.input, `run ${run.runId}: the answer is intact`);
    assertMatchesJournal(run, await env.journalEvents(run.runId));
    if (run.outcome.sessionId !== undefined) sessions.add(run.outcome.sessionId);
  }
  for (const sessionId of sessions) {
    const verification = await env.repositories.journal.verifyChain(TENANT, sessionId);
    assert.ok(verification.ok, `session ${sessionId}: chain verifies (${JSON.stringify(verification)})`);
  }
}

/** A metric of orchestrator `index` (its /metrics). */
async function orchestratorMetric(env: DistributedCluster, index: number, name: string): Promise<number> {
  const orchestrator = env.cluster.orchestrators[index];
  assert.ok(orchestrator !== undefined, `no orchestrator #${index}`);
  const response = await fetch(`${orchestrator.httpUrl}/metrics`);
  return metricValue(await response.text(), name);
}

const inFlight = (env: DistributedCluster, index: number) =>
  orchestratorMetric(env, index, 'palyra_runs_in_flight');
const redeliveries = (env: DistributedCluster, index: number) =>
  orchestratorMetric(env, index, 'palyra_run_redeliveries_total');

describe('distributed cluster: faults', () => {
  it('finishes every in-flight run on the surviving worker after kill -9 of an orchestrator, with no seq lost or repeated', async (t) => {
    const env = await openDistributedCluster(t, SLOW_RUNS);
    // 60 words at 25 ms: about 1.5 s of streaming per run.
    const runs = Array.from({ length: 20 }, (_, index) =>
      startRun(env, index % 2, sentence(`kill9-run-${index}`, 60), `kill9-${index}`),
    );
    // The victim holds runs that have streamed part of their answer.
    await waitFor(
      async () => {
        const streaming = runs.filter((run) => tokensOf(run) > 0).length;
        return streaming >= 5 && (await inFlight(env, 0)) >= 2 ? true : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 20, what: 'orchestrator-1 to be streaming several runs' },
    );
    const victim = env.cluster.orchestrators[0]!;
    const exit = await victim.kill9();
    assert.equal(exit.signal, 'SIGKILL');
    const unfinished = runs.filter(
      (run) => !run.events.some((event) => event.type === 'status' && event.kind === 'DONE'),
    );
    assert.ok(unfinished.length > 0, 'runs were still in flight when the worker died');

    const observed = await Promise.all(runs.map(finish));
    await assertDoneAndDurable(env, observed);
    assert.ok(
      (await redeliveries(env, 1)) > 0,
      'the surviving worker took over runs the dead one held (redeliveries > 0)',
    );
  });

  it("hands an orchestrator's runs to the other worker at once when it is shut down with SIGTERM, every run ending DONE", async (t) => {
    // An ack wait longer than RUN_TIMEOUT_MS: only the NAK of a graceful hand-back, not a
    // redelivery after the ack wait, can finish these runs in time.
    const env = await openDistributedCluster(t, {
      orchestratorEnv: {
        ...SLOW_RUNS.orchestratorEnv,
        PALYRA_RUN_ACK_WAIT_MS: '60000',
        PALYRA_SHUTDOWN_GRACE_MS: '300',
      },
    });
    const runs = Array.from({ length: 10 }, (_, index) =>
      startRun(env, index % 2, sentence(`handoff-run-${index}`, 100), `handoff-${index}`),
    );
    await waitFor(
      async () => ((await inFlight(env, 0)) >= 2 && runs.some((run) => tokensOf(run) > 0) ? true : undefined),
      { timeoutMs: 20_000, intervalMs: 20, what: 'orchestrator-1 to be running several runs' },
    );
    const victim = env.cluster.orchestrators[0]!;
    const exit = await victim.stop('SIGTERM', 20_000);
    assert.deepEqual(exit, { code: 0, signal: null }, 'the orchestrator drains and exits 0');
    const handBack = await victim.waitForLine('grace period over; handing runs back', { timeoutMs: 1_000 });
    assert.ok(Number(handBack.record?.activeRuns) > 0, 'it handed unfinished runs back');

    const observed = await Promise.all(runs.map(finish));
    await assertDoneAndDurable(env, observed);
    assert.ok((await redeliveries(env, 1)) > 0, 'the other worker continued the handed-back runs');
  });

  it('resumes a run on the other gateway from the last seq a disconnected client saw, delivering exactly the missing events', async (t) => {
    const env = await openDistributedCluster(t, SLOW_RUNS);
    const principal = `user:${newId().toLowerCase()}`;
    const deviceId = newId();
    const input = sentence('resume-elsewhere', 80);
    const onA = env.client(0, { principal, deviceId, resume: false });
    const firstSeqs: number[] = [];
    let firstText = '';
    const first = onA.openRun({
      text: input,
      sessionKey: 'resume-elsewhere',
      bufferEvents: false,
      onEvent: (event) => {
        firstSeqs.push(event.seq);
        if (event.type === 'token') firstText += event.text;
      },
    });
    first.halfClose();
    await waitFor(() => (firstSeqs.filter((seq) => seq > 2).length >= 2 ? true : undefined), {
      timeoutMs: 20_000,
      what: 'the first client to receive a few token chunks',
    });
    first.detach();
    await assert.rejects(first.done, { code: 'CANCELLED' }, 'the detached stream ends locally');
    const lastSeq = first.lastSeq;
    assertContiguous(firstSeqs, 'before the disconnect');
    assert.equal(firstSeqs.at(-1), lastSeq);

    // The same user and device again, through the other gateway only.
    const onB = env.client(1, { principal, deviceId, resume: false });
    assert.equal(onB.urls[0], env.cluster.gateways[1]?.grpcUrl);
    const resumedSeqs: number[] = [];
    const resumed = onB.openRun({
      runId: first.runId,
      ...(first.sessionId === undefined ? {} : { sessionId: first.sessionId }),
      resumeFromSeq: lastSeq,
      bufferEvents: false,
      onEvent: (event) => resumedSeqs.push(event.seq),
    });
    const outcome = await within(resumed.done, RUN_TIMEOUT_MS, 'the resumed run to finish');
    assert.equal(outcome.status, 'DONE', `resumed run ends DONE (got: ${outcome.message})`);

    const journal = await env.journalEvents(first.runId);
    assertSameSeqs(
      resumedSeqs,
      journal.filter((event) => (event.runSeq ?? 0) > lastSeq).map((event) => event.runSeq),
      `the resumed stream carries exactly the journal's events after seq ${lastSeq}`,
    );
    assertContiguous([...firstSeqs, ...resumedSeqs], 'both streams together');
    assert.equal(firstText + outcome.text, input, 'the two halves of the answer make the whole answer');
  });

  it('cancels a run streaming through one gateway when AbortRun is sent to the other', async (t) => {
    const env = await openDistributedCluster(t, SLOW_RUNS);
    const principal = `user:${newId().toLowerCase()}`;
    // 200 words at 25 ms: the answer would take 5 s; the abort must cut it short.
    const input = sentence('abort-across', 200);
    const onB = env.client(1, { principal, resume: false });
    const events: RunEvent[] = [];
    const run = onB.openRun({
      text: input,
      sessionKey: 'abort-across',
      bufferEvents: false,
      onEvent: (event) => events.push(event),
    });
    await waitFor(() => (events.some((event) => event.type === 'token') ? true : undefined), {
      timeoutMs: 20_000,
      what: 'the run to stream its first tokens through gateway-2',
    });

    const onA = env.client(0, { principal });
    assert.equal(onA.urls[0], env.cluster.gateways[0]?.grpcUrl);
    const aborted = await onA.abortRun(run.runId, 'changed my mind');
    assert.equal(aborted.cancelRequested, true);

    const outcome = await within(run.done, 10_000, 'the client on gateway-2 to see the cancellation');
    assert.equal(outcome.status, 'FAILED');
    assert.equal(outcome.message, 'cancelled by request');
    assert.ok(outcome.text.length < input.length, 'the answer was cut short by the cancel');
    const journal = await env.journalEvents(run.runId);
    assert.equal(journal.at(-1)?.kind, 'run_failed');
    assertSameSeqs(
      events.map((event) => event.seq),
      journal.map((event) => event.runSeq),
      'the client saw every journaled event up to the failure',
    );
    const stored = await env.repositories.runs.get(TENANT, run.runId);
    assert.equal(stored?.state, 'cancelled');
    assert.equal(stored?.cancelReason, 'changed my mind');
  });

  it('moves open streams to the other gateway when one is shut down with SIGTERM, every run ending DONE with complete seqs', async (t) => {
    const env = await openDistributedCluster(t, SLOW_RUNS);
    // Every client prefers gateway-1 and lists gateway-2 as its failover.
    const runs = Array.from({ length: 10 }, (_, index) =>
      startRun(env, 0, sentence(`drain-run-${index}`, 100), `drain-${index}`),
    );
    await waitFor(() => (runs.every((run) => tokensOf(run) > 0) ? true : undefined), {
      timeoutMs: 20_000,
      what: 'every run to stream tokens through gateway-1',
    });
    const victim = env.cluster.gateways[0]!;
    const exit = await victim.stop('SIGTERM', 10_000);
    assert.deepEqual(exit, { code: 0, signal: null }, 'the gateway drains and exits 0');
    await victim.waitForLine('gateway drained', { timeoutMs: 1_000 });
    assert.ok(
      runs.every((run) => !run.events.some((event) => event.type === 'status' && event.kind === 'DONE')),
      'no run had finished before the gateway went away',
    );

    const observed = await Promise.all(runs.map(finish));
    await assertDoneAndDurable(env, observed);
    // The drain notice carries the client's last seq, so the SDK drops it as already seen; no
    // event without a seq may reach the application.
    for (const run of runs) {
      assert.deepEqual(
        run.notices,
        [],
        `run ${run.handle.runId}: an event without a seq reached the application`,
      );
    }
  });
});
