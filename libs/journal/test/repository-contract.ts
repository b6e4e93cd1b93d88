import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newId } from '@palyra/core';
import { sql } from 'kysely';
import { createRepositories, type ModelCallUsage, type SessionIdentity } from '../src/index.js';
import { accessContract } from './access-contract.js';
import { agentContract } from './agent-contract.js';
import { approvalContract } from './approval-contract.js';
import { event, rejectsWith, seed, uniqueTenantId } from './fixtures.js';
import { tenancyContract } from './tenancy-contract.js';
import type { TestDriver } from './test-drivers.js';

export function repositoryContract(driver: TestDriver): void {
  describe(`repository contract (${driver.name})`, () => {
    test('tenants: ensure is idempotent, get is tenant-scoped, list is operator-wide', async (t) => {
      const database = await driver.open(t);
      const { tenants } = createRepositories(database);
      const [a, b] = [uniqueTenantId(), uniqueTenantId()].sort();
      const created = await tenants.ensure(a!, { displayName: 'Acme' });
      assert.deepEqual(await tenants.ensure(a!, { displayName: 'ignored' }), created);
      assert.equal(created.displayName, 'Acme');
      assert.equal(created.status, 'active');
      await tenants.ensure(b!);
      assert.equal((await tenants.get(b!))?.displayName, b);
      assert.equal(await tenants.get(uniqueTenantId()), null);
      const first = await tenants.list({ limit: 1 });
      assert.deepEqual(
        first.items.map((tenant) => tenant.tenantId),
        [a],
      );
      const second = await tenants.list({ limit: 1, cursor: first.nextCursor! });
      assert.deepEqual(
        second.items.map((tenant) => tenant.tenantId),
        [b],
      );
      assert.equal(second.nextCursor, null);
      await rejectsWith(tenants.ensure('Not A Tenant'), 'INVALID_ARGUMENT', /tenant_id must be/);
    });

    test('runs: create is idempotent on run id and checks the session', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const stored = await repos.runs.get(tenantId, runId);
      const identity = { principal: stored!.principal, deviceId: stored!.deviceId, channel: '' };
      const again = await repos.runs.create(tenantId, { runId, sessionId, ...identity });
      assert.equal(again.created, false);
      assert.deepEqual(again.run, stored);
      assert.equal(stored?.state, 'pending');
      assert.equal(stored?.lastSeq, 0);
      const otherSession = await repos.sessions.create(tenantId, { sessionKey: 'other', ...identity });
      await rejectsWith(
        repos.runs.create(tenantId, { runId, sessionId: otherSession.sessionId, ...identity }),
        'ALREADY_EXISTS',
        `run ${runId} already exists in another session`,
      );
      await rejectsWith(
        repos.runs.create(tenantId, { runId: newId(), sessionId: newId(), ...identity }),
        'NOT_FOUND',
        'session not found',
      );
      // Another tenant cannot take over (or observe) the run id.
      const other = await seed(database);
      await rejectsWith(
        other.repos.runs.create(other.tenantId, { runId, sessionId: other.sessionId, ...identity }),
        'ALREADY_EXISTS',
      );
    });

    test("runs: a run admitted as accepted becomes its session's last run in the same step", async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const session = await repos.sessions.get(tenantId, sessionId);
      const identity = {
        principal: session!.principal,
        deviceId: session!.deviceId,
        channel: session!.channel,
      };
      const runId = newId();
      const { run, created } = await repos.runs.create(tenantId, {
        runId,
        sessionId,
        state: 'accepted',
        ...identity,
      });
      assert.equal(created, true);
      assert.equal(run.state, 'accepted');
      assert.equal(run.inputClosedAt, null);
      assert.equal((await repos.sessions.get(tenantId, sessionId))?.lastRunId, runId);
    });

    test('runs: closeInput records the half-close once and not after the run ended', async () => {
      const database = await driver.shared();
      const { repos, tenantId, runId } = await seed(database);
      const closed = await repos.runs.closeInput(tenantId, runId);
      assert.ok(closed.inputClosedAt instanceof Date);
      const again = await repos.runs.closeInput(tenantId, runId);
      assert.deepEqual(again.inputClosedAt, closed.inputClosedAt);
      await rejectsWith(repos.runs.closeInput(tenantId, newId()), 'NOT_FOUND', 'run not found');
    });

    test("journal: readRunInputs returns only the run's unsequenced events after a chain position", async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const stored = await repos.journal.append(tenantId, sessionId, [
        { eventId: newId(), runId, kind: 'message_received', actor: 'user', payload: { text: 'one' } },
        {
          eventId: newId(),
          runId,
          runSeq: 1,
          kind: 'run_status',
          actor: 'system',
          payload: { status: 'ACCEPTED' },
        },
        { eventId: newId(), runId, kind: 'message_received', actor: 'user', payload: { text: 'two' } },
        { eventId: newId(), kind: 'client_event', actor: 'user', payload: { note: 'no run' } },
      ]);
      const inputs = await repos.journal.readRunInputs(tenantId, runId);
      assert.deepEqual(
        inputs.map((event) => event.payload),
        [{ text: 'one' }, { text: 'two' }],
      );
      const later = await repos.journal.readRunInputs(tenantId, runId, stored[0]!.chainSeq);
      assert.deepEqual(
        later.map((event) => event.payload),
        [{ text: 'two' }],
      );
    });

    test('journal: append with a transition changes the run state in the same transaction', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      await repos.runs.transition(tenantId, runId, 'accepted');
      const status = (runSeq: number, status: string) => ({
        eventId: newId(),
        runId,
        runSeq,
        kind: 'run_status' as const,
        actor: 'system' as const,
        payload: { status },
      });
      await repos.journal.append(tenantId, sessionId, [status(1, 'IN_PROGRESS')], {
        transition: { runId, to: 'in_progress', from: ['accepted'] },
      });
      const started = await repos.runs.get(tenantId, runId);
      assert.equal(started?.state, 'in_progress');
      assert.ok(started?.startedAt instanceof Date);
      assert.equal(started?.lastSeq, 1);
      // A disallowed transition fails the whole append: neither the event nor the state change.
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [status(2, 'X')], {
          transition: { runId, to: 'accepted' },
        }),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from in_progress to accepted',
      );
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [status(2, 'X')], {
          transition: { runId, to: 'done', from: ['accepted'] },
        }),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from accepted to done',
      );
      assert.equal((await repos.journal.readRunEvents(tenantId, runId, 1)).length, 0);
      assert.equal((await repos.runs.get(tenantId, runId))?.lastSeq, 1);
      const failed = [status(2, 'FAILED')];
      await repos.journal.append(tenantId, sessionId, failed, {
        transition: { runId, to: 'failed', failureReason: 'boom' },
      });
      const ended = await repos.runs.get(tenantId, runId);
      assert.equal(ended?.state, 'failed');
      assert.equal(ended?.failureReason, 'boom');
      assert.ok(ended?.finishedAt instanceof Date);
      assert.equal(ended?.lastSeq, 2);
      // An idempotent repeat returns the stored events and does not apply the transition again.
      const repeated = await repos.journal.append(tenantId, sessionId, failed, {
        transition: { runId, to: 'failed', failureReason: 'boom' },
      });
      assert.equal(repeated[0]?.runSeq, 2);
      // Unknown run.
      const other = newId();
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event()], { transition: { runId: other, to: 'done' } }),
        'NOT_FOUND',
        'run not found',
      );
    });

    test('journal: append applies several transition steps as one change', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      await repos.runs.transition(tenantId, runId, 'accepted');
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event({ runId, runSeq: 1 })], {
          transition: [
            { runId, to: 'in_progress' },
            { runId, to: 'done', from: ['accepted'] },
          ],
        }),
        'INVALID_STATE_TRANSITION',
      );
      await repos.journal.append(
        tenantId,
        sessionId,
        [event({ runId, runSeq: 1 }), event({ runId, runSeq: 2 })],
        {
          transition: [
            { runId, to: 'in_progress', from: ['accepted'] },
            { runId, to: 'done' },
          ],
        },
      );
      const done = await repos.runs.get(tenantId, runId);
      assert.equal(done?.state, 'done');
      assert.ok(done?.startedAt instanceof Date);
      assert.ok(done?.finishedAt instanceof Date);
      assert.equal(done?.lastSeq, 2);
    });

    test('journal: an optimistic append that meets a stored event or seq decides like a checked one', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const first = event({ runId, runSeq: 1 });
      const [stored] = await repos.journal.append(tenantId, sessionId, [first]);
      // Same event again with a new one: the repeat is returned as stored, the new one chained.
      const second = event({ runId, runSeq: 2 });
      const both = await repos.journal.append(tenantId, sessionId, [first, second]);
      assert.deepEqual(both[0], stored);
      assert.equal(both[1]?.chainSeq, 2);
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [event({ runId, runSeq: 2 })]),
        'ALREADY_EXISTS',
        `run ${runId} already has event seq 2`,
      );
      await rejectsWith(
        repos.journal.append(tenantId, sessionId, [{ ...first, payload: { text: 'other' } }]),
        'ALREADY_EXISTS',
        `event ${first.eventId} already exists with different content`,
      );
      assert.deepEqual(await repos.journal.verifyChain(tenantId, sessionId), {
        ok: true,
        length: 2,
        headHash: both[1]!.hash,
      });
    });

    test('runs: getWithInputs reads the run row and its inputs together', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const stored = await repos.journal.append(tenantId, sessionId, [
        { eventId: newId(), runId, kind: 'message_received', actor: 'user', payload: { text: 'one' } },
        event({ runId, runSeq: 1 }),
        { eventId: newId(), runId, kind: 'message_received', actor: 'user', payload: { text: 'two' } },
      ]);
      const closed = await repos.runs.closeInput(tenantId, runId);
      const all = await repos.runs.getWithInputs(tenantId, runId);
      assert.deepEqual(all.run, closed);
      assert.deepEqual(all.inputs, await repos.journal.readRunInputs(tenantId, runId));
      assert.equal(all.inputs.length, 2);
      const later = await repos.runs.getWithInputs(tenantId, runId, stored[0]!.chainSeq, { limit: 5 });
      assert.deepEqual(
        later.inputs.map((input) => input.payload),
        [{ text: 'two' }],
      );
      assert.deepEqual(await repos.runs.getWithInputs(tenantId, newId()), { run: null, inputs: [] });
      // Another tenant sees nothing.
      const other = await seed(database);
      assert.deepEqual(await other.repos.runs.getWithInputs(other.tenantId, runId), {
        run: null,
        inputs: [],
      });
    });

    test('runs: listUnfinished pages the pending, accepted and in-progress runs', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const session = await repos.sessions.get(tenantId, sessionId);
      const identity = { principal: session!.principal, deviceId: session!.deviceId, channel: '' };
      const create = async (state: 'pending' | 'accepted') => {
        const id = newId();
        await repos.runs.create(tenantId, { runId: id, sessionId, ...identity, state });
        return id;
      };
      const accepted = await create('accepted');
      const running = await create('accepted');
      await repos.runs.transition(tenantId, running, 'in_progress');
      const finished = await create('accepted');
      await repos.runs.transition(tenantId, finished, 'cancelled');
      const first = await repos.runs.listUnfinished(tenantId, { limit: 2 });
      assert.deepEqual(
        first.items.map((run) => run.runId),
        [runId, accepted],
      );
      const second = await repos.runs.listUnfinished(tenantId, { limit: 2, cursor: first.nextCursor });
      assert.deepEqual(
        second.items.map((run) => [run.runId, run.state]),
        [[running, 'in_progress']],
      );
      assert.equal(second.nextCursor, null);
      const other = await seed(database);
      assert.deepEqual(
        (await other.repos.runs.listUnfinished(other.tenantId)).items.map((run) => run.runId),
        [other.runId],
      );
    });

    test('runs: createWithEvents admits a run and journals its first events in one transaction', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const session = await repos.sessions.get(tenantId, sessionId);
      const identity = { principal: session!.principal, deviceId: session!.deviceId, channel: '' };
      const runId = newId();
      const events = [
        {
          eventId: newId(),
          runId,
          kind: 'message_received' as const,
          actor: 'user' as const,
          payload: { text: 'hi' },
        },
        {
          eventId: newId(),
          runId,
          runSeq: 1,
          kind: 'run_status' as const,
          actor: 'system' as const,
          payload: { status: 'ACCEPTED' },
        },
      ];
      const admitted = await repos.runs.createWithEvents(
        tenantId,
        { runId, sessionId, ...identity, state: 'accepted' },
        events,
      );
      assert.equal(admitted.created, true);
      assert.equal(admitted.run.state, 'accepted');
      assert.equal(admitted.run.lastSeq, 1);
      assert.deepEqual(admitted.events, await repos.journal.readSessionEvents(tenantId, sessionId));
      assert.deepEqual(admitted.run, await repos.runs.get(tenantId, runId));
      assert.equal((await repos.sessions.get(tenantId, sessionId))?.lastRunId, runId);
      // A retried first message: the stored run, nothing appended.
      const retried = await repos.runs.createWithEvents(
        tenantId,
        { runId, sessionId, ...identity, state: 'accepted' },
        [{ ...events[0]!, eventId: newId() }],
      );
      assert.equal(retried.created, false);
      assert.deepEqual(retried.events, []);
      assert.equal((await repos.journal.readSessionEvents(tenantId, sessionId)).length, 2);
      // A failing append leaves no run behind.
      const failing = newId();
      await rejectsWith(
        repos.runs.createWithEvents(tenantId, { runId: failing, sessionId, ...identity }, [
          { ...events[1]!, runId: failing, eventId: events[1]!.eventId, payload: { status: 'OTHER' } },
        ]),
        'ALREADY_EXISTS',
      );
      assert.equal(await repos.runs.get(tenantId, failing), null);
      await rejectsWith(
        repos.runs.createWithEvents(tenantId, { runId: newId(), sessionId, ...identity }, [event()]),
        'INVALID_ARGUMENT',
      );
      await rejectsWith(
        repos.runs.createWithEvents(tenantId, { runId: newId(), sessionId: newId(), ...identity }, []),
        'NOT_FOUND',
        'session not found',
      );
    });

    test('tenancy: the read fast path never shows another tenant and leaves the main pool unscoped', async () => {
      const database = await driver.shared();
      const a = await seed(database);
      const b = await seed(database);
      for (let i = 0; i < 20; i += 1) {
        const [x, y] = i % 2 === 0 ? [a, b] : [b, a];
        assert.equal(await x.repos.runs.get(x.tenantId, y.runId), null);
        assert.equal((await x.repos.runs.get(x.tenantId, x.runId))?.runId, x.runId);
      }
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from runs`.execute(database.kysely);
      assert.equal(rows[0]?.n, 0);
    });

    test('runs: transitions follow the state machine and stamp start and finish', async () => {
      const database = await driver.shared();
      const { repos, tenantId, runId } = await seed(database);
      const accepted = await repos.runs.transition(tenantId, runId, 'accepted');
      assert.equal(accepted.state, 'accepted');
      assert.equal(accepted.startedAt, null);
      const running = await repos.runs.transition(tenantId, runId, 'in_progress');
      assert.ok(running.startedAt instanceof Date);
      assert.equal(running.finishedAt, null);
      const done = await repos.runs.transition(tenantId, runId, 'done');
      assert.equal(done.state, 'done');
      assert.ok(done.finishedAt instanceof Date);
      assert.deepEqual(done.startedAt, running.startedAt);
      await rejectsWith(
        repos.runs.transition(tenantId, runId, 'in_progress'),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from done to in_progress',
      );
      await rejectsWith(repos.runs.transition(tenantId, newId(), 'accepted'), 'NOT_FOUND', 'run not found');
    });

    test('runs: an invalid or disallowed transition names both states', async () => {
      const database = await driver.shared();
      const { repos, tenantId, runId } = await seed(database);
      await rejectsWith(
        repos.runs.transition(tenantId, runId, 'done'),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from pending to done',
      );
      await rejectsWith(
        repos.runs.transition(tenantId, runId, 'pending'),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from pending to pending',
      );
      await repos.runs.transition(tenantId, runId, 'accepted');
      // The caller narrows the from-set: only a run already in progress may fail here.
      await rejectsWith(
        repos.runs.transition(tenantId, runId, 'failed', { from: ['in_progress'] }),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from accepted to failed',
      );
      await rejectsWith(
        repos.runs.transition(tenantId, runId, 'failed', { from: ['pending'] }),
        'INVALID_STATE_TRANSITION',
        'invalid run state transition from pending to failed',
      );
      const failed = await repos.runs.transition(tenantId, runId, 'failed', {
        failureReason: 'wall_clock_limit',
      });
      assert.equal(failed.failureReason, 'wall_clock_limit');
      assert.ok(failed.finishedAt instanceof Date);
    });

    test('runs: concurrent transitions from the same state let exactly one win', async () => {
      const database = await driver.shared();
      const { repos, tenantId, runId } = await seed(database);
      await repos.runs.transition(tenantId, runId, 'accepted');
      await repos.runs.transition(tenantId, runId, 'in_progress');
      const results = await Promise.allSettled([
        repos.runs.transition(tenantId, runId, 'done'),
        repos.runs.transition(tenantId, runId, 'cancelled'),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    });

    test('runs: requestCancel sets the durable flag once and leaves finished runs alone', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const first = await repos.runs.requestCancel(tenantId, runId, {
        reason: 'user asked',
        requestedBy: 'user:alice',
      });
      assert.equal(first.cancelRequested, true);
      assert.equal(first.cancelReason, 'user asked');
      assert.equal(first.cancelRequestedBy, 'user:alice');
      const second = await repos.runs.requestCancel(tenantId, runId, {
        reason: 'again',
        requestedBy: 'admin:bob',
      });
      assert.equal(second.cancelReason, 'user asked');
      const run = await repos.runs.get(tenantId, runId);
      const finishedId = newId();
      await repos.runs.create(tenantId, {
        runId: finishedId,
        sessionId,
        principal: run!.principal,
        deviceId: run!.deviceId,
        channel: '',
      });
      await repos.runs.transition(tenantId, finishedId, 'accepted');
      await repos.runs.transition(tenantId, finishedId, 'cancelled');
      const finished = await repos.runs.requestCancel(tenantId, finishedId, {
        reason: 'late',
        requestedBy: 'x',
      });
      assert.equal(finished.cancelRequested, false);
      await rejectsWith(
        repos.runs.requestCancel(tenantId, newId(), { reason: 'r', requestedBy: 'x' }),
        'NOT_FOUND',
        'run not found',
      );
    });

    test('runs: listBySession pages in creation order', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const run = await repos.runs.get(tenantId, runId);
      const identity = { principal: run!.principal, deviceId: run!.deviceId, channel: '' };
      const more = [newId(), newId()];
      for (const id of more) await repos.runs.create(tenantId, { runId: id, sessionId, ...identity });
      const page1 = await repos.runs.listBySession(tenantId, sessionId, { limit: 2 });
      const page2 = await repos.runs.listBySession(tenantId, sessionId, {
        limit: 2,
        cursor: page1.nextCursor,
      });
      assert.deepEqual(
        [...page1.items, ...page2.items].map((r) => r.runId),
        [runId, ...more],
      );
      assert.equal(page2.nextCursor, null);
    });

    test('sessions: create rejects a taken key; get and getByKey find it', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const session = await repos.sessions.get(tenantId, sessionId);
      assert.ok(session);
      assert.deepEqual(await repos.sessions.getByKey(tenantId, session.sessionKey), session);
      assert.equal(session.chainLength, 0);
      assert.equal(session.lastRunId, runId, 'creating a run makes it the session last run');
      await rejectsWith(
        repos.sessions.create(tenantId, {
          sessionKey: session.sessionKey,
          principal: 'user:bob',
          deviceId: newId(),
          channel: '',
        }),
        'ALREADY_EXISTS',
        `session key ${session.sessionKey} already exists`,
      );
      // Keys are per tenant.
      const other = await seed(database);
      await other.repos.sessions.create(other.tenantId, {
        sessionKey: session.sessionKey,
        principal: 'user:bob',
        deviceId: newId(),
        channel: '',
      });
      await rejectsWith(
        repos.sessions.create(uniqueTenantId(), {
          sessionKey: 'k',
          principal: 'p',
          deviceId: newId(),
          channel: '',
        }),
        'NOT_FOUND',
        /^tenant .* not found$/,
      );
    });

    test('sessions: list is per identity, ordered by key, paged, searchable, without archived', async () => {
      const database = await driver.shared();
      const { repos, tenantId } = await seed(database);
      const me: SessionIdentity = { principal: 'user:carol', deviceId: newId(), channel: 'slack' };
      const someoneElse: SessionIdentity = { ...me, channel: '' };
      for (const [key, label] of [
        ['delta', 'Trip planning'],
        ['alpha', ''],
        ['charlie', 'Budget'],
        ['bravo', 'trip notes'],
      ] as const) {
        await repos.sessions.create(tenantId, { sessionKey: key, sessionLabel: label, ...me });
      }
      await repos.sessions.create(tenantId, { sessionKey: 'echo', ...someoneElse });
      const keys = (page: { items: { sessionKey: string }[] }) => page.items.map((s) => s.sessionKey);
      const page1 = await repos.sessions.list(tenantId, me, { limit: 3 });
      assert.deepEqual(keys(page1), ['alpha', 'bravo', 'charlie']);
      const page2 = await repos.sessions.list(tenantId, me, { limit: 3, cursor: page1.nextCursor });
      assert.deepEqual(keys(page2), ['delta']);
      assert.equal(page2.nextCursor, null);
      assert.deepEqual(keys(await repos.sessions.list(tenantId, me, { q: 'TRIP' })), ['bravo', 'delta']);
      assert.deepEqual(keys(await repos.sessions.list(tenantId, me, { q: 'arl' })), ['charlie']);
      const charlie = await repos.sessions.getByKey(tenantId, 'charlie');
      await repos.sessions.archive(tenantId, charlie!.sessionId);
      assert.deepEqual(keys(await repos.sessions.list(tenantId, me)), ['alpha', 'bravo', 'delta']);
      const withArchived = await repos.sessions.list(tenantId, me, { includeArchived: true });
      assert.equal(withArchived.items.length, 4);
      assert.deepEqual(keys(await repos.sessions.list(tenantId, someoneElse)), ['echo']);
    });

    test('sessions: archive renames the key and frees it; reset and setLastRun move last_run_id', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId, runId } = await seed(database);
      const before = await repos.sessions.get(tenantId, sessionId);
      const withRun = await repos.sessions.setLastRun(tenantId, sessionId, runId);
      assert.equal(withRun.lastRunId, runId);
      assert.equal((await repos.sessions.reset(tenantId, sessionId)).lastRunId, null);
      const archived = await repos.sessions.archive(tenantId, sessionId);
      assert.ok(archived.archivedAt instanceof Date);
      assert.equal(archived.sessionKey, `archived:${sessionId}:${archived.archivedAt.getTime()}`);
      assert.deepEqual(await repos.sessions.archive(tenantId, sessionId), archived);
      assert.equal(await repos.sessions.getByKey(tenantId, before!.sessionKey), null);
      const reused = await repos.sessions.create(tenantId, {
        sessionKey: before!.sessionKey,
        principal: before!.principal,
        deviceId: before!.deviceId,
        channel: before!.channel,
      });
      assert.notEqual(reused.sessionId, sessionId);
      await rejectsWith(repos.sessions.reset(tenantId, newId()), 'NOT_FOUND', 'session not found');
      await rejectsWith(repos.sessions.archive(tenantId, newId()), 'NOT_FOUND', 'session not found');
    });

    test('sessions: rename sets the label and updated_at; unknown sessions are NOT_FOUND', async () => {
      const database = await driver.shared();
      const { repos, tenantId, sessionId } = await seed(database);
      const before = await repos.sessions.get(tenantId, sessionId);
      const renamed = await repos.sessions.rename(tenantId, sessionId, 'Trip planning');
      assert.equal(renamed.sessionLabel, 'Trip planning');
      assert.equal(renamed.sessionKey, before?.sessionKey);
      assert.ok(renamed.updatedAt >= before!.updatedAt);
      assert.deepEqual(await repos.sessions.get(tenantId, sessionId), renamed);
      assert.equal((await repos.sessions.rename(tenantId, sessionId, '')).sessionLabel, '');
      await rejectsWith(repos.sessions.rename(tenantId, newId(), 'x'), 'NOT_FOUND', 'session not found');
      const other = await seed(database);
      await rejectsWith(
        other.repos.sessions.rename(other.tenantId, sessionId, 'taken over'),
        'NOT_FOUND',
        'session not found',
      );
    });

    test('tenants: setStatus suspends and reactivates a tenant from operator scope', async () => {
      const database = await driver.shared();
      const { tenants } = createRepositories(database);
      const tenantId = uniqueTenantId();
      const created = await tenants.ensure(tenantId, { displayName: 'Acme' });
      const suspended = await tenants.setStatus(tenantId, 'suspended');
      assert.deepEqual(suspended, { ...created, status: 'suspended' });
      assert.equal((await tenants.get(tenantId))?.status, 'suspended');
      assert.equal((await tenants.setStatus(tenantId, 'active')).status, 'active');
      await rejectsWith(
        tenants.setStatus(uniqueTenantId(), 'suspended'),
        'NOT_FOUND',
        /^tenant .* not found$/,
      );
      await rejectsWith(
        tenants.setStatus(tenantId, 'deleted' as 'active'),
        'INVALID_ARGUMENT',
        'status must be one of active, suspended',
      );
    });

    test('runs: recordUsage adds each model call to the run totals exactly once', async () => {
      const database = await driver.shared();
      const { repos, tenantId, runId } = await seed(database);
      const call = (callIndex: number, promptTokens: number, completionTokens: number): ModelCallUsage => ({
        callIndex,
        turn: callIndex,
        provider: 'openai',
        model: 'gpt-test',
        promptTokens,
        completionTokens,
      });
      const fresh = await repos.runs.get(tenantId, runId);
      assert.deepEqual([fresh?.promptTokens, fresh?.completionTokens, fresh?.modelCalls], [0, 0, 0]);
      assert.deepEqual(await repos.runs.recordUsage(tenantId, runId, call(0, 100, 20)), { recorded: true });
      assert.deepEqual(await repos.runs.recordUsage(tenantId, runId, call(1, 150, 30)), { recorded: true });
      // A redelivered run records call 0 again: nothing changes, even with other numbers.
      assert.deepEqual(await repos.runs.recordUsage(tenantId, runId, call(0, 999, 999)), { recorded: false });
      // Concurrent records of one call: exactly one counts.
      const racing = await Promise.all(
        [2, 2, 2].map(() => repos.runs.recordUsage(tenantId, runId, call(2, 5, 1))),
      );
      assert.equal(racing.filter((result) => result.recorded).length, 1);
      const run = await repos.runs.get(tenantId, runId);
      assert.deepEqual([run?.promptTokens, run?.completionTokens, run?.modelCalls], [255, 51, 3]);

      await rejectsWith(
        repos.runs.recordUsage(tenantId, newId(), call(0, 1, 1)),
        'NOT_FOUND',
        'run not found',
      );
      await rejectsWith(repos.runs.recordUsage(tenantId, runId, call(-1, 1, 1)), 'INVALID_ARGUMENT');
      await rejectsWith(
        repos.runs.recordUsage(tenantId, runId, { ...call(3, 1, 1), provider: '' }),
        'INVALID_ARGUMENT',
        'provider is required',
      );
      // Another tenant can neither add to the run nor see its totals.
      const other = await seed(database);
      await rejectsWith(other.repos.runs.recordUsage(other.tenantId, runId, call(9, 1, 1)), 'NOT_FOUND');
      assert.equal((await repos.runs.get(tenantId, runId))?.modelCalls, 3);
    });

    agentContract(driver);
    approvalContract(driver);
    accessContract(driver);
    tenancyContract(driver);
  });
}
