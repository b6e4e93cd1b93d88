import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newId } from '@palyra/core';
import { createRepositories, type SessionIdentity } from '../src/index.js';
import { rejectsWith, seed, uniqueTenantId } from './fixtures.js';
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
  });
}
