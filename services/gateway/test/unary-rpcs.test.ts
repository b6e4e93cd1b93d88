import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { newId } from '@palyra/core';
import type {
  AbortRunResponse__Output,
  AppendEventResponse__Output,
  CleanupSessionResponse__Output,
  HealthResponse__Output,
  ListRunEventsResponse__Output,
  ListSessionsResponse__Output,
  ResolveSessionResponse__Output,
  VerifySessionChainResponse__Output,
} from '@palyra/proto';
import { nextValue } from '@palyra/testkit';
import {
  ADMIN_TOKEN,
  assertError,
  failure,
  firstMessage,
  HARNESS_KINDS,
  IN_PROGRESS,
  openHarness,
  openStream,
  TENANT,
  tokens,
  unary,
} from './harness.js';

for (const kind of HARNESS_KINDS) {
  describe(`gateway unary RPCs (${kind})`, () => {
    it('GetHealth answers without auth: service, status ok, version, git hash, profile, uptime', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const health = await unary<HealthResponse__Output>((done) => client.GetHealth({ v: 1 }, done));
      assert.equal(health.v, 1);
      assert.equal(health.service, 'palyra-gateway');
      assert.equal(health.status, 'ok');
      assert.equal(health.version, '0.1.0-test');
      assert.equal(health.git_hash, 'test-hash');
      assert.equal(health.build_profile, 'test');
      assert.ok(health.uptime_seconds >= 0);
    });

    it('refuses bad credentials with PERMISSION_DENIED and the reason', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const request = { v: 1, session_key: 'k' };
      const identity = harness.identity();

      const missing = harness.metadata(identity);
      missing.remove('authorization');
      assertError(
        await failure(unary((done) => client.ResolveSession(request, missing, done))),
        status.PERMISSION_DENIED,
        'missing authorization header',
      );

      const wrongToken = harness.metadata({ ...identity, token: `${ADMIN_TOKEN}-wrong` });
      assertError(
        await failure(unary((done) => client.ResolveSession(request, wrongToken, done))),
        status.PERMISSION_DENIED,
        'invalid admin token or JWT',
      );

      const badDevice = harness.metadata({ ...identity, deviceId: 'not-a-ulid' });
      assertError(
        await failure(unary((done) => client.ResolveSession(request, badDevice, done))),
        status.PERMISSION_DENIED,
        'x-palyra-device-id must be a canonical ULID',
      );
    });

    it("refuses a suspended tenant with 'tenant is suspended'", async (t) => {
      const harness = await openHarness(t, kind);
      await harness.repositories.tenants.ensure(TENANT);
      await harness.database.withOwnerConnection((owner) =>
        owner.updateTable('tenants').set({ status: 'suspended' }).where('tenant_id', '=', TENANT).execute(),
      );
      const client = (await harness.startGateway()).client();
      const metadata = harness.metadata(harness.identity());
      assertError(
        await failure(unary((done) => client.ResolveSession({ v: 1 }, metadata, done))),
        status.PERMISSION_DENIED,
        'tenant is suspended',
      );
    });

    it('provisions the tenant on first authenticated use', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      assert.equal(await harness.repositories.tenants.get(TENANT), null);
      await unary((done) => client.ResolveSession({ v: 1 }, harness.metadata(harness.identity()), done));
      assert.equal((await harness.repositories.tenants.get(TENANT))?.status, 'active');
    });

    it('refuses v != 1 with FAILED_PRECONDITION and bad ULIDs with INVALID_ARGUMENT naming the field', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const metadata = harness.metadata(harness.identity());
      assertError(
        await failure(unary((done) => client.ResolveSession({ v: 2 }, metadata, done))),
        status.FAILED_PRECONDITION,
        'unsupported protocol major version',
      );
      assertError(
        await failure(unary((done) => client.GetHealth({ v: 2 }, done))),
        status.FAILED_PRECONDITION,
        'unsupported protocol major version',
      );
      assertError(
        await failure(
          unary((done) => client.ResolveSession({ v: 1, session_id: { ulid: '01abc' } }, metadata, done)),
        ),
        status.INVALID_ARGUMENT,
        'session_id must be a canonical ULID',
      );
      assertError(
        await failure(unary((done) => client.AbortRun({ v: 1 }, metadata, done))),
        status.INVALID_ARGUMENT,
        'run_id is required',
      );
      assertError(
        await failure(
          unary((done) => client.AbortRun({ v: 1, run_id: { ulid: 'x'.repeat(26) } }, metadata, done)),
        ),
        status.INVALID_ARGUMENT,
        'run_id must be a canonical ULID',
      );
    });

    it('ResolveSession: created, found, reset_applied, require_existing, conflicts, label, identity', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const alice = harness.identity('user:alice');
      const metadata = harness.metadata(alice);
      const resolve = (request: object, md = metadata) =>
        unary<ResolveSessionResponse__Output>((done) =>
          client.ResolveSession({ v: 1, ...request }, md, done),
        );

      const created = await resolve({ session_key: '  main  ', session_label: 'Main' });
      assert.equal(created.created, true);
      assert.equal(created.session?.session_key, 'main');
      assert.equal(created.session?.session_label, 'Main');
      const sessionId = created.session?.session_id?.ulid ?? '';

      const found = await resolve({ session_key: 'main' });
      assert.deepEqual([found.created, found.session?.session_id?.ulid], [false, sessionId]);
      const byId = await resolve({ session_id: { ulid: sessionId } });
      assert.equal(byId.session?.session_key, 'main');

      const byLabel = await resolve({ session_label: 'Main' });
      assert.deepEqual([byLabel.created, byLabel.session?.session_id?.ulid], [false, sessionId]);

      await harness.repositories.runs.create(TENANT, {
        runId: newId(),
        sessionId,
        principal: alice.principal,
        deviceId: alice.deviceId,
        channel: '',
        state: 'accepted',
      });
      const reset = await resolve({ session_key: 'main', reset_session: true });
      assert.equal(reset.reset_applied, true);
      assert.equal(reset.session?.last_run_id, null);

      const missing = await failure(resolve({ session_key: 'nope', require_existing: true }));
      assert.equal(missing.code, status.NOT_FOUND);

      const other = await resolve({ session_key: 'other' });
      const conflict = await failure(
        resolve({ session_id: { ulid: sessionId }, session_key: other.session?.session_key ?? '' }),
      );
      assert.equal(conflict.code, status.INVALID_ARGUMENT);

      const otherDevice = harness.metadata(harness.identity('user:alice'));
      assertError(
        await failure(resolve({ session_key: 'main' }, otherDevice)),
        status.FAILED_PRECONDITION,
        'session identity mismatch',
      );
      const otherChannel = harness.metadata({ ...alice, channel: 'slack' });
      assertError(
        await failure(resolve({ session_key: 'main' }, otherChannel)),
        status.FAILED_PRECONDITION,
        'session identity mismatch',
      );
    });

    it("ListSessions returns only the caller's sessions, ordered by key, paginated", async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const alice = harness.metadata(harness.identity('user:alice'));
      const bob = harness.metadata(harness.identity('user:bob'));
      for (const key of ['c', 'a', 'e', 'b', 'd']) {
        await unary((done) => client.ResolveSession({ v: 1, session_key: key }, alice, done));
      }
      await unary((done) => client.ResolveSession({ v: 1, session_key: 'bob-only' }, bob, done));

      const list = (request: object, md = alice) =>
        unary<ListSessionsResponse__Output>((done) => client.ListSessions({ v: 1, ...request }, md, done));
      const first = await list({ limit: 2 });
      assert.deepEqual(
        first.sessions.map((s) => s.session_key),
        ['a', 'b'],
      );
      assert.equal(first.next_after_session_key, 'b');
      const second = await list({ limit: 2, after_session_key: first.next_after_session_key });
      assert.deepEqual(
        second.sessions.map((s) => s.session_key),
        ['c', 'd'],
      );
      const last = await list({ limit: 2, after_session_key: second.next_after_session_key });
      assert.deepEqual(
        last.sessions.map((s) => s.session_key),
        ['e'],
      );
      assert.equal(last.next_after_session_key, '');
      const all = await list({ limit: 0 });
      assert.equal(all.sessions.length, 5);
      const bobs = await list({}, bob);
      assert.deepEqual(
        bobs.sessions.map((s) => s.session_key),
        ['bob-only'],
      );
    });

    it('CleanupSession archives once; a second cleanup reports cleaned=false', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const metadata = harness.metadata(harness.identity());
      const created = await unary<ResolveSessionResponse__Output>((done) =>
        client.ResolveSession({ v: 1, session_key: 'tmp' }, metadata, done),
      );
      const sessionId = created.session?.session_id?.ulid ?? '';
      const before = Date.now();
      const first = await unary<CleanupSessionResponse__Output>((done) =>
        client.CleanupSession({ v: 1, session_key: 'tmp' }, metadata, done),
      );
      assert.equal(first.cleaned, true);
      assert.equal(first.newly_archived, true);
      assert.equal(first.previous_session_key, 'tmp');
      assert.match(first.session?.session_key ?? '', new RegExp(`^archived:${sessionId}:\\d+$`));
      assert.ok((first.session?.archived_at_unix_ms ?? 0) >= before - 1000);

      const second = await unary<CleanupSessionResponse__Output>((done) =>
        client.CleanupSession({ v: 1, session_id: { ulid: sessionId } }, metadata, done),
      );
      assert.equal(second.cleaned, false);
      assert.equal(second.newly_archived, false);

      // The key is free again.
      const again = await unary<ResolveSessionResponse__Output>((done) =>
        client.ResolveSession({ v: 1, session_key: 'tmp' }, metadata, done),
      );
      assert.equal(again.created, true);
    });

    it('AppendEvent: server-assigned id, duplicate ALREADY_EXISTS, client hashes ignored, bad kind refused', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const identity = harness.identity();
      const metadata = harness.metadata(identity);
      const session = await unary<ResolveSessionResponse__Output>((done) =>
        client.ResolveSession({ v: 1, session_key: 'events' }, metadata, done),
      );
      const sessionId = session.session?.session_id?.ulid ?? '';
      const runId = newId();
      await harness.repositories.runs.create(TENANT, {
        runId,
        sessionId,
        principal: identity.principal,
        deviceId: identity.deviceId,
        channel: '',
      });
      const event = {
        v: 1,
        session_id: { ulid: sessionId },
        run_id: { ulid: runId },
        kind: 'EVENT_KIND_MESSAGE_RECEIVED' as const,
        actor: 'EVENT_ACTOR_USER' as const,
        timestamp_unix_ms: Date.now(),
        payload_json: Buffer.from(JSON.stringify({ text: 'hello' })),
        hash: 'f'.repeat(64),
        prev_hash: 'e'.repeat(64),
      };
      const appended = await unary<AppendEventResponse__Output>((done) =>
        client.AppendEvent({ v: 1, event }, metadata, done),
      );
      assert.equal(appended.accepted, true);
      const eventId = appended.event_id?.ulid ?? '';
      assert.match(eventId, /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);

      const [stored] = await harness.repositories.journal.readSessionEvents(TENANT, sessionId);
      assert.equal(stored?.eventId, eventId);
      assert.notEqual(stored?.hash, event.hash);
      assert.notEqual(stored?.prevHash, event.prev_hash);
      assert.deepEqual(stored?.payload, { text: 'hello' });

      const duplicate = await failure(
        unary((done) =>
          client.AppendEvent({ v: 1, event: { ...event, event_id: { ulid: eventId } } }, metadata, done),
        ),
      );
      assert.equal(duplicate.code, status.ALREADY_EXISTS);

      assertError(
        await failure(
          unary((done) =>
            client.AppendEvent({ v: 1, event: { ...event, kind: 'EVENT_KIND_UNSPECIFIED' } }, metadata, done),
          ),
        ),
        status.INVALID_ARGUMENT,
        'kind must be a known event kind, not unspecified',
      );
      assert.equal(
        (
          await failure(
            unary((done) =>
              client.AppendEvent({ v: 1, event: { ...event, timestamp_unix_ms: 0 } }, metadata, done),
            ),
          )
        ).code,
        status.INVALID_ARGUMENT,
      );
      assertError(
        await failure(
          unary((done) => client.AppendEvent({ v: 1, event: { ...event, run_id: null } }, metadata, done)),
        ),
        status.INVALID_ARGUMENT,
        'run_id is required',
      );
      const verification = await harness.repositories.journal.verifyChain(TENANT, sessionId);
      assert.equal(verification.ok, true);
    });

    it('AbortRun: unknown run NOT_FOUND; known run gets the cancel flag, a journal event and a Control message', async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const client = gateway.client();
      const identity = harness.identity();
      const metadata = harness.metadata(identity);

      const unknown = await failure(
        unary((done) => client.AbortRun({ v: 1, run_id: { ulid: newId() } }, metadata, done)),
      );
      assertError(unknown, status.NOT_FOUND, 'run not found');

      const runId = newId();
      const stream = openStream(client, metadata);
      stream.send(firstMessage(runId, 'hello'));
      const job = await worker.nextJob();
      const control = nextValue<{ type: string; reason?: string }>((deliver) => {
        const subscription = worker.bus.control.listen(job.tenantId, job.runId, (message) => {
          subscription.unsubscribe();
          deliver(message);
        });
      });
      await worker.emit(job, [IN_PROGRESS]);
      await stream.next('ACCEPTED');
      await stream.next('IN_PROGRESS');

      const aborted = await unary<AbortRunResponse__Output>((done) =>
        client.AbortRun({ v: 1, run_id: { ulid: runId } }, metadata, done),
      );
      assert.deepEqual([aborted.cancel_requested, aborted.reason], [true, 'grpc_abort_requested']);
      const run = await harness.repositories.runs.get(TENANT, runId);
      assert.equal(run?.cancelRequested, true);
      assert.equal(run?.cancelReason, 'grpc_abort_requested');
      const inputs = await harness.repositories.journal.readRunInputs(TENANT, runId);
      assert.deepEqual(
        inputs.map((event) => event.kind),
        ['message_received', 'run_cancel_requested'],
      );
      assert.deepEqual(await control, {
        type: 'cancel',
        reason: 'grpc_abort_requested',
        requestedBy: identity.principal,
      });

      // The worker ends the run as cancelled: the stream ends OK after the FAILED status.
      await worker.emit(job, [
        {
          kind: 'run_failed',
          payload: { status: 'FAILED', message: 'cancelled by request', reason: 'cancelled' },
        },
      ]);
      const failed = await stream.next('FAILED');
      assert.deepEqual(failed.status, { kind: 'STATUS_KIND_FAILED', message: 'cancelled by request' });
      assert.equal((await stream.status).code, status.OK);
    });

    it("JournalService: VerifySessionChain and ListRunEvents page a run's stream events", async (t) => {
      const harness = await openHarness(t, kind);
      const gateway = await harness.startGateway();
      const worker = await harness.worker();
      const metadata = harness.metadata(harness.identity());
      const runId = newId();
      const stream = openStream(gateway.client(), metadata);
      stream.send(firstMessage(runId, 'hello', { session_key: 'journal' }));
      const job = await worker.nextJob();
      await worker.emit(job, [IN_PROGRESS, ...tokens('one ', 'two ', 'three')]);
      stream.call.end();
      await worker.emit(job, [{ kind: 'run_completed', payload: { status: 'DONE', message: 'done' } }]);
      assert.equal((await stream.status).code, status.OK);

      const journal = gateway.journalClient();
      const chain = await unary<VerifySessionChainResponse__Output>((done) =>
        journal.VerifySessionChain({ v: 1, session_id: { ulid: job.sessionId } }, metadata, done),
      );
      assert.equal(chain.ok, true);
      assert.ok(chain.length >= 7);
      assert.match(chain.head_hash, /^[0-9a-f]{64}$/);

      const page1 = await unary<ListRunEventsResponse__Output>((done) =>
        journal.ListRunEvents({ v: 1, run_id: { ulid: runId }, limit: 4 }, metadata, done),
      );
      assert.deepEqual(
        page1.events.map((event) => event.seq),
        [1, 2, 3, 4],
      );
      assert.equal(page1.next_after_seq, 4);
      assert.equal(page1.events[0]?.status?.kind, 'STATUS_KIND_ACCEPTED');
      assert.equal(page1.events[2]?.model_token?.token, 'one ');
      const page2 = await unary<ListRunEventsResponse__Output>((done) =>
        journal.ListRunEvents({ v: 1, run_id: { ulid: runId }, after_seq: 4, limit: 4 }, metadata, done),
      );
      assert.deepEqual(
        page2.events.map((event) => [event.seq, event.body]),
        [
          [5, 'model_token'],
          [6, 'status'],
        ],
      );
      assert.equal(page2.next_after_seq, 0);

      const missing = await failure(
        unary((done) => journal.ListRunEvents({ v: 1, run_id: { ulid: newId() } }, metadata, done)),
      );
      assert.equal(missing.code, status.NOT_FOUND);
    });

    it('answers UNIMPLEMENTED for RPCs of later issues', async (t) => {
      const harness = await openHarness(t, kind);
      const client = (await harness.startGateway()).client();
      const error = await failure(
        unary((done) => client.RouteMessage({ v: 1 }, harness.metadata(harness.identity()), done)),
      );
      assertError(error, status.UNIMPLEMENTED, 'RouteMessage is not implemented by this gateway yet');
    });
  });
}
