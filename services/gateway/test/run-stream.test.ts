import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import type { ControlMessage } from '@palyra/bus';
import { newId } from '@palyra/core';
import type { RunStreamEvent__Output } from '@palyra/proto';
import type { Metrics } from '@palyra/telemetry';
import { nextValue, waitFor } from '@palyra/testkit';
import {
  DONE,
  type FakeWorker,
  firstMessage,
  HARNESS_KINDS,
  IN_PROGRESS,
  openHarness,
  openStream,
  TENANT,
  tokens,
} from './harness.js';

async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  const match = values.find((value) =>
    Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
  );
  return match?.value ?? 0;
}

function nextControl(worker: FakeWorker, runId: string): Promise<ControlMessage> {
  return nextValue<ControlMessage>((deliver) => {
    const subscription = worker.bus.control.listen(TENANT, runId, (message) => {
      subscription.unsubscribe();
      deliver(message);
    });
  });
}

function seqs(events: readonly RunStreamEvent__Output[]): number[] {
  return events.map((event) => event.seq);
}

for (const kind of HARNESS_KINDS) {
  describe(`RunStream (${kind})`, () => {
    it('admits a run: ACCEPTED with the exact message, then the worker events in seq order, DONE ends OK', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const identity = harness.identity('user:alice');
      const runId = newId();
      const stream = openStream(gateway.client(), harness.metadata(identity));
      const before = Date.now();
      stream.send(firstMessage(runId, 'hello there', { session_key: 'chat' }));

      const accepted = await stream.next('ACCEPTED');
      const job = await worker.nextJob();
      assert.deepEqual(job, { tenantId: TENANT, sessionId: job.sessionId, runId });
      assert.equal(accepted.v, 1);
      assert.equal(accepted.run_id?.ulid, runId);
      assert.equal(accepted.seq, 1);
      assert.ok(
        accepted.timestamp_unix_ms >= before - 1000 && accepted.timestamp_unix_ms <= Date.now() + 1000,
      );
      assert.deepEqual(accepted.status, {
        kind: 'STATUS_KIND_ACCEPTED',
        message: `accepted session=${job.sessionId} principal=user:alice`,
      });
      const run = await harness.repositories.runs.get(TENANT, runId);
      assert.equal(run?.state, 'accepted');
      const [input] = await harness.repositories.journal.readRunInputs(TENANT, runId);
      assert.equal(input?.kind, 'message_received');
      assert.equal((input?.payload as { text?: string } | undefined)?.text, 'hello there');
      assert.equal((await harness.repositories.sessions.get(TENANT, job.sessionId))?.lastRunId, runId);

      await worker.emit(job, [IN_PROGRESS, ...tokens('Hello ', 'world')]);
      const inProgress = await stream.next('IN_PROGRESS');
      assert.deepEqual(inProgress.status, { kind: 'STATUS_KIND_IN_PROGRESS', message: 'in progress' });
      const first = await stream.next('token 1');
      const second = await stream.next('token 2');
      assert.deepEqual(first.model_token, { token: 'Hello ', is_final: false, awaiting_input: false });
      assert.deepEqual(second.model_token, { token: 'world', is_final: true, awaiting_input: true });

      const halfClose = nextControl(worker, runId);
      stream.call.end();
      assert.deepEqual(await halfClose, { type: 'half_close' });
      assert.notEqual((await harness.repositories.runs.get(TENANT, runId))?.inputClosedAt, null);

      await worker.emit(job, [DONE]);
      const done = await stream.next('DONE');
      assert.deepEqual(done.status, { kind: 'STATUS_KIND_DONE', message: 'done' });
      assert.equal((await stream.status).code, status.OK);
      assert.deepEqual(seqs(stream.events), [1, 2, 3, 4, 5]);
      for (const event of stream.events) assert.ok(event.timestamp_unix_ms > 0);
      assert.equal(await metricValue(gateway.metrics, 'palyra_runs_admitted_total'), 1);
      assert.equal(await metricValue(gateway.metrics, 'palyra_run_streams_total', { outcome: 'done' }), 1);
      assert.equal(await metricValue(gateway.metrics, 'palyra_active_streams'), 0);
    });

    it('fills a live event lost on the bus from the journal (seq 3 published without 2)', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const stream = openStream(gateway.client(), harness.metadata(harness.identity()));
      stream.send(firstMessage(newId(), 'hi'));
      const job = await worker.nextJob();
      await stream.next('ACCEPTED');
      const [two, three] = await worker.append(job, [IN_PROGRESS, ...tokens('only')]);
      assert.ok(two && three);
      worker.publish([three]);
      const events = [await stream.next('seq 2'), await stream.next('seq 3')];
      assert.deepEqual(seqs(events), [2, 3]);
      assert.equal(events[1]?.model_token?.token, 'only');
      assert.equal(await metricValue(gateway.metrics, 'palyra_stream_catchups_total', { reason: 'gap' }), 1);
      // Duplicates on the live feed are dropped by seq.
      worker.publish([two, three]);
      await worker.emit(job, [DONE]);
      await stream.next('DONE');
      assert.deepEqual(seqs(stream.events), [1, 2, 3, 4]);
    });

    it('recovers a lost terminal event by polling the journal while the live feed is quiet', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway({
        stream: { liveBufferEvents: 1024, pollInitialMs: 20, pollMaxMs: 40 },
      });
      const worker = await harness.worker();
      const stream = openStream(gateway.client(), harness.metadata(harness.identity()));
      stream.send(firstMessage(newId(), 'hi'));
      const job = await worker.nextJob();
      await stream.next('ACCEPTED');
      await worker.append(job, [IN_PROGRESS, DONE]);
      assert.deepEqual(seqs([await stream.next('seq 2'), await stream.next('seq 3')]), [2, 3]);
      assert.equal((await stream.status).code, status.OK);
      assert.ok(
        (await metricValue(gateway.metrics, 'palyra_stream_catchups_total', { reason: 'poll' })) >= 1,
      );
    });

    it('reads the journal at once after a bus reconnect (messages lost while disconnected)', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const stream = openStream(gateway.client(), harness.metadata(harness.identity()));
      stream.send(firstMessage(newId(), 'hi'));
      const job = await worker.nextJob();
      await stream.next('ACCEPTED');
      // Journaled but never published: as if the connection was down when the worker published.
      await worker.append(job, [IN_PROGRESS, DONE]);
      gateway.busReconnected();
      assert.deepEqual(seqs([await stream.next('seq 2'), await stream.next('seq 3')]), [2, 3]);
      assert.equal((await stream.status).code, status.OK);
      assert.equal(
        await metricValue(gateway.metrics, 'palyra_stream_catchups_total', { reason: 'reconnect' }),
        1,
      );
    });

    it('resumes on a second gateway with resume_from_seq and replays exactly the later events', async (t) => {
      const harness = await openHarness(t, kind);
      const first = await harness.startGateway();
      const second = await harness.startGateway();
      const worker = await harness.worker();
      const identity = harness.identity();
      const runId = newId();
      const original = openStream(first.client(), harness.metadata(identity));
      original.send(firstMessage(runId, 'hi', { session_key: 'resume' }));
      const job = await worker.nextJob();
      await worker.emit(job, [IN_PROGRESS, ...tokens('a ', 'b ', 'c')]);
      for (let index = 0; index < 3; index += 1) await original.next();
      assert.deepEqual(seqs(original.events), [1, 2, 3]);
      // The client loses its gateway; the run goes on.
      original.call.cancel();
      assert.equal((await original.status).code, status.CANCELLED);
      await waitFor(async () =>
        (await metricValue(first.metrics, 'palyra_active_streams')) === 0 ? true : undefined,
      );
      await worker.emit(job, [...tokens('d ', 'e')]);

      const resumed = openStream(second.client(), harness.metadata(identity));
      resumed.send({
        v: 1,
        run_id: { ulid: runId },
        session_id: { ulid: job.sessionId },
        resume_from_seq: 3,
      });
      const replayed = [
        await resumed.next(),
        await resumed.next(),
        await resumed.next(),
        await resumed.next(),
      ];
      assert.deepEqual(seqs(replayed), [4, 5, 6, 7]);
      assert.deepEqual(
        replayed.map((event) => event.model_token?.token),
        ['b ', 'c', 'd ', 'e'],
      );
      await worker.emit(job, [DONE]);
      assert.equal((await resumed.next('DONE')).seq, 8);
      assert.equal((await resumed.status).code, status.OK);
      assert.deepEqual(seqs(resumed.events), [4, 5, 6, 7, 8]);
      // Re-attaching journals no input.
      const inputs = await harness.repositories.journal.readRunInputs(TENANT, runId);
      assert.equal(inputs.length, 1);
      assert.equal(await metricValue(second.metrics, 'palyra_runs_admitted_total'), 0);
    });

    it('treats a retried first message as a re-attach, and resume_from_seq of an unknown run as NOT_FOUND', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const identity = harness.identity();
      const runId = newId();
      const opening = firstMessage(runId, 'once');
      const first = openStream(gateway.client(), harness.metadata(identity));
      first.send(opening);
      await first.next('ACCEPTED');
      const job = await worker.nextJob();
      const retry = openStream(gateway.client(), harness.metadata(identity));
      retry.send(opening);
      const replayed = await retry.next('ACCEPTED again');
      assert.deepEqual([replayed.seq, replayed.status?.kind], [1, 'STATUS_KIND_ACCEPTED']);
      assert.equal((await harness.repositories.journal.readRunInputs(TENANT, runId)).length, 1);
      await worker.emit(job, [IN_PROGRESS, DONE]);
      assert.equal((await retry.status).code, status.OK);
      assert.equal((await first.status).code, status.OK);

      // With a session key the run is created optimistically; a retry still re-attaches.
      const keyedRunId = newId();
      const keyedOpening = firstMessage(keyedRunId, 'keyed', { session_key: 'retry' });
      const keyed = openStream(gateway.client(), harness.metadata(identity));
      keyed.send(keyedOpening);
      await keyed.next('ACCEPTED (keyed)');
      const keyedJob = await worker.nextJob();
      const keyedRetry = openStream(gateway.client(), harness.metadata(identity));
      keyedRetry.send(keyedOpening);
      assert.equal((await keyedRetry.next('ACCEPTED (keyed retry)')).seq, 1);
      assert.equal((await harness.repositories.journal.readRunInputs(TENANT, keyedRunId)).length, 1);
      const elsewhere = openStream(gateway.client(), harness.metadata(identity));
      elsewhere.send(firstMessage(keyedRunId, 'keyed', { session_key: 'another' }));
      const elsewhereStatus = await elsewhere.status;
      assert.deepEqual(
        [elsewhereStatus.code, elsewhereStatus.details],
        [status.FAILED_PRECONDITION, 'run belongs to another session'],
      );
      await worker.emit(keyedJob, [DONE]);
      assert.equal((await keyedRetry.status).code, status.OK);

      const unknown = openStream(gateway.client(), harness.metadata(identity));
      unknown.send({ v: 1, run_id: { ulid: newId() }, resume_from_seq: 2 });
      const ended = await unknown.status;
      assert.deepEqual([ended.code, ended.details], [status.NOT_FOUND, 'run not found']);

      const stranger = openStream(gateway.client(), harness.metadata(harness.identity('user:mallory')));
      stranger.send({ v: 1, run_id: { ulid: runId } });
      assert.equal((await stranger.status).code, status.FAILED_PRECONDITION);
    });

    it('refuses switching run_id or session_id mid-stream, and bad first messages', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const metadata = harness.metadata(harness.identity());
      const runId = newId();

      const switchRun = openStream(gateway.client(), metadata);
      switchRun.send(firstMessage(runId, 'hi'));
      await switchRun.next('ACCEPTED');
      const job = await worker.nextJob();
      switchRun.send(firstMessage(newId(), 'other run'));
      const runError = await switchRun.status;
      assert.deepEqual(
        [runError.code, runError.details],
        [status.INVALID_ARGUMENT, 'cannot switch run_id mid-stream'],
      );

      const switchSession = openStream(gateway.client(), metadata);
      switchSession.send({ v: 1, run_id: { ulid: runId }, session_id: { ulid: job.sessionId } });
      await switchSession.next('ACCEPTED (re-attached)');
      switchSession.send({ v: 1, run_id: { ulid: runId }, session_id: { ulid: newId() } });
      const sessionError = await switchSession.status;
      assert.deepEqual(
        [sessionError.code, sessionError.details],
        [status.INVALID_ARGUMENT, 'cannot switch session_id mid-stream'],
      );

      const badVersion = openStream(gateway.client(), metadata);
      badVersion.send({ ...firstMessage(newId(), 'hi'), v: 2 });
      const versionError = await badVersion.status;
      assert.deepEqual(
        [versionError.code, versionError.details],
        [status.FAILED_PRECONDITION, 'unsupported protocol major version'],
      );

      const badRunId = openStream(gateway.client(), metadata);
      badRunId.send({ v: 1, run_id: { ulid: 'run-1' } });
      const idError = await badRunId.status;
      assert.deepEqual(
        [idError.code, idError.details],
        [status.INVALID_ARGUMENT, 'run_id must be a canonical ULID'],
      );

      const unauthenticated = harness.metadata(harness.identity());
      unauthenticated.remove('authorization');
      const denied = openStream(gateway.client(), unauthenticated);
      denied.send(firstMessage(newId(), 'hi'));
      const deniedStatus = await denied.status;
      assert.deepEqual(
        [deniedStatus.code, deniedStatus.details],
        [status.PERMISSION_DENIED, 'missing authorization header'],
      );
    });

    it('turns later input into a journaled message and /cancel into the cancel flag and a Control message', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const identity = harness.identity();
      const runId = newId();
      const stream = openStream(gateway.client(), harness.metadata(identity));
      stream.send(firstMessage(runId, 'first'));
      await stream.next('ACCEPTED');
      const job = await worker.nextJob();

      const input = nextControl(worker, runId);
      stream.send(firstMessage(runId, 'second'));
      const inputMessage = await input;
      assert.equal(inputMessage.type, 'input');
      const inputs = await harness.repositories.journal.readRunInputs(TENANT, runId);
      assert.deepEqual(
        inputs.map((event) => [event.kind, (event.payload as { text?: string }).text]),
        [
          ['message_received', 'first'],
          ['message_received', 'second'],
        ],
      );
      assert.equal(inputMessage.type === 'input' ? inputMessage.eventId : '', inputs[1]?.eventId);

      const approval = openStream(gateway.client(), harness.metadata(identity));
      approval.send({ v: 1, run_id: { ulid: runId } });
      await approval.next('ACCEPTED (re-attached)');
      approval.send({
        v: 1,
        run_id: { ulid: runId },
        tool_approval_response: { proposal_id: { ulid: newId() }, approved: true },
      });
      const approvalError = await approval.status;
      assert.deepEqual(
        [approvalError.code, approvalError.details],
        [status.INVALID_ARGUMENT, 'no tool approval is pending for this proposal'],
      );

      const cancel = nextControl(worker, runId);
      stream.send(firstMessage(runId, '  /CANCEL '));
      assert.deepEqual(await cancel, {
        type: 'cancel',
        reason: 'cancelled by request',
        requestedBy: identity.principal,
      });
      const run = await harness.repositories.runs.get(TENANT, runId);
      assert.deepEqual([run?.cancelRequested, run?.cancelReason], [true, 'cancelled by request']);
      // The worker is woken before the audit event is appended: wait for it.
      await waitFor(async () =>
        (await harness.repositories.journal.readRunInputs(TENANT, runId)).at(-1)?.kind ===
        'run_cancel_requested'
          ? true
          : undefined,
      );
      await worker.emit(job, [
        {
          kind: 'run_failed',
          payload: { status: 'FAILED', message: 'cancelled by request', reason: 'cancelled' },
        },
      ]);
      assert.deepEqual((await stream.next('FAILED')).status, {
        kind: 'STATUS_KIND_FAILED',
        message: 'cancelled by request',
      });
      assert.equal((await stream.status).code, status.OK);
    });

    it('ends a failed run with the gRPC status of its error code after the FAILED status event', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const stream = openStream(gateway.client(), harness.metadata(harness.identity()));
      stream.send(firstMessage(newId(), 'hi'));
      const job = await worker.nextJob();
      await worker.emit(job, [
        IN_PROGRESS,
        {
          kind: 'run_failed',
          payload: {
            status: 'FAILED',
            message: 'budget exhausted',
            reason: 'budget',
            code: 'BUDGET_EXCEEDED',
          },
        },
      ]);
      const ended = await stream.status;
      assert.deepEqual([ended.code, ended.details], [status.RESOURCE_EXHAUSTED, 'budget exhausted']);
      assert.deepEqual(seqs(stream.events), [1, 2, 3]);
      assert.deepEqual(stream.events[2]?.status, { kind: 'STATUS_KIND_FAILED', message: 'budget exhausted' });
    });

    it('never blocks the worker on a slow client, which still receives every event in order', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway({ stream: { liveBufferEvents: 16 } });
      const worker = await harness.worker();
      const stream = openStream(gateway.client(), harness.metadata(harness.identity()));
      stream.send(firstMessage(newId(), 'hi'));
      const job = await worker.nextJob();
      await stream.next('ACCEPTED');
      // The client stops reading: HTTP/2 flow control fills, the gateway's writes report a full buffer.
      stream.call.pause();
      const chunk = `${'word '.repeat(400)}`;
      const batches = 40;
      const perBatch = 25;
      await worker.emit(job, [IN_PROGRESS]);
      for (let batch = 0; batch < batches; batch += 1) {
        await worker.emit(job, tokens(...Array.from({ length: perBatch }, () => chunk)));
      }
      await worker.emit(job, [DONE]);
      // Every publish returned while the client read nothing; now it reads at its own pace.
      const total = 2 + batches * perBatch + 1;
      stream.call.resume();
      assert.equal((await stream.status).code, status.OK);
      assert.deepEqual(
        seqs(stream.events),
        Array.from({ length: total }, (_, index) => index + 1),
      );
      const catchUps =
        (await metricValue(gateway.metrics, 'palyra_stream_catchups_total', { reason: 'backpressure' })) +
        (await metricValue(gateway.metrics, 'palyra_stream_catchups_total', { reason: 'overflow' }));
      assert.ok(catchUps >= 1, 'the stream caught up from the journal');
    });

    it('stops following when the client disconnects; the run continues', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const runId = newId();
      const stream = openStream(gateway.client(), harness.metadata(harness.identity()));
      stream.send(firstMessage(runId, 'hi'));
      await stream.next('ACCEPTED');
      const job = await worker.nextJob();
      stream.call.cancel();
      await waitFor(async () =>
        (await metricValue(gateway.metrics, 'palyra_run_streams_total', { outcome: 'client_cancelled' })) ===
        1
          ? true
          : undefined,
      );
      assert.equal(gateway.gateway.openStreams, 0);
      await worker.emit(job, [IN_PROGRESS, DONE]);
      assert.equal((await harness.repositories.runs.get(TENANT, runId))?.lastSeq, 3);
    });
  });
}
