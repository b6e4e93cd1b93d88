import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '@palyra/core';
import type { ApprovalDecisionInput } from '../src/index.js';
import { approvalFor, rejectsWith, seed } from './fixtures.js';
import type { TestDriver } from './test-drivers.js';

const allow = (scope: ApprovalDecisionInput['scope'], scopeTtlMs?: number): ApprovalDecisionInput => ({
  decision: 'allow',
  scope,
  ...(scopeTtlMs === undefined ? {} : { scopeTtlMs }),
  reason: 'looks fine',
  decidedBy: 'user:alice',
});

/** Approval cases of the repository contract (run inside its describe). */
export function approvalContract(driver: TestDriver): void {
  test('approvals: create is idempotent on (run, proposal) and checks the run', async () => {
    const seeded = await seed(await driver.shared());
    const { repos, tenantId } = seeded;
    const request = approvalFor(seeded);
    const first = await repos.approvals.create(tenantId, request);
    assert.equal(first.created, true);
    assert.deepEqual(first.approval, {
      ...request,
      tenantId,
      decision: null,
      decisionScope: null,
      decisionScopeTtlMs: 0,
      decisionReason: '',
      decidedBy: '',
      resolvedAt: null,
    });
    // A redelivered run mints a new approval id for the same proposal: it gets the first record.
    const again = await repos.approvals.create(tenantId, { ...request, approvalId: newId() });
    assert.equal(again.created, false);
    assert.deepEqual(again.approval, first.approval);
    assert.deepEqual(await repos.approvals.get(tenantId, request.approvalId), first.approval);
    assert.deepEqual(
      await repos.approvals.getByProposal(tenantId, request.runId, request.proposalId),
      first.approval,
    );
    assert.equal(await repos.approvals.get(tenantId, newId()), null);

    await rejectsWith(
      repos.approvals.create(tenantId, { ...request, proposalId: newId() }),
      'ALREADY_EXISTS',
      `approval ${request.approvalId} already exists`,
    );
    const unknownRun = newId();
    await rejectsWith(
      repos.approvals.create(tenantId, approvalFor({ sessionId: seeded.sessionId, runId: unknownRun })),
      'NOT_FOUND',
      `run ${unknownRun} not found in session ${seeded.sessionId}`,
    );
    await rejectsWith(
      repos.approvals.create(tenantId, { ...approvalFor(seeded), subjectId: '' }),
      'INVALID_ARGUMENT',
      'subject_id is required',
    );
  });

  test('approvals: of concurrent decisions exactly the first one is recorded', async () => {
    const seeded = await seed(await driver.shared());
    const { repos, tenantId } = seeded;
    const { approval } = await repos.approvals.create(tenantId, approvalFor(seeded));
    const inputs: ApprovalDecisionInput[] = [
      allow('session'),
      { decision: 'deny', scope: 'once', reason: 'no', decidedBy: 'user:bob' },
      allow('timeboxed', 30_000),
      { decision: 'timeout', scope: 'once', reason: 'approval wait elapsed', decidedBy: 'system' },
      allow('once'),
    ];
    const results = await Promise.all(
      inputs.map((input) => repos.approvals.decide(tenantId, approval.approvalId, input)),
    );
    const winners = results.filter((result) => result.decided);
    assert.equal(winners.length, 1);
    const stored = await repos.approvals.get(tenantId, approval.approvalId);
    assert.ok(stored?.resolvedAt instanceof Date);
    for (const result of results) assert.deepEqual(result.approval, stored);
    // The winner's grant exists exactly when it was an allow for longer than once.
    const winner = inputs[results.indexOf(winners[0]!)]!;
    const grant = await repos.approvals.findGrant(tenantId, seeded.sessionId, approval.subjectId);
    assert.equal(grant !== null, winner.decision === 'allow' && winner.scope !== 'once');
  });

  test('approvals: an allow for the session is remembered for that tool in that session only', async () => {
    const seeded = await seed(await driver.shared());
    const { repos, tenantId, sessionId } = seeded;
    const { approval } = await repos.approvals.create(tenantId, approvalFor(seeded));
    const decided = await repos.approvals.decide(tenantId, approval.approvalId, allow('session'));
    assert.equal(decided.decided, true);
    assert.equal(decided.approval.decision, 'allow');
    assert.equal(decided.approval.decisionScope, 'session');
    assert.equal(decided.approval.decisionScopeTtlMs, 0);
    assert.equal(decided.approval.decisionReason, 'looks fine');
    assert.equal(decided.approval.decidedBy, 'user:alice');
    const grant = await repos.approvals.findGrant(tenantId, sessionId, approval.subjectId);
    assert.deepEqual(grant && { ...grant, createdAt: undefined }, {
      tenantId,
      sessionId,
      subjectId: approval.subjectId,
      scope: 'session',
      expiresAt: null,
      approvalId: approval.approvalId,
      grantedBy: 'user:alice',
      createdAt: undefined,
    });
    assert.ok(grant?.createdAt instanceof Date);
    const farFuture = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    assert.ok(await repos.approvals.findGrant(tenantId, sessionId, approval.subjectId, farFuture));
    assert.equal(await repos.approvals.findGrant(tenantId, sessionId, 'palyra.shell.exec'), null);
    const otherSession = await repos.sessions.create(tenantId, {
      sessionKey: `other-${newId()}`,
      principal: 'user:alice',
      deviceId: newId(),
      channel: '',
    });
    assert.equal(await repos.approvals.findGrant(tenantId, otherSession.sessionId, approval.subjectId), null);

    // Deny and allow-once decide without remembering anything.
    const denied = await repos.approvals.create(
      tenantId,
      approvalFor(seeded, { subjectId: 'palyra.net.fetch' }),
    );
    await repos.approvals.decide(tenantId, denied.approval.approvalId, {
      decision: 'deny',
      scope: 'session',
      reason: 'no',
      decidedBy: 'user:alice',
    });
    const once = await repos.approvals.create(
      tenantId,
      approvalFor(seeded, { subjectId: 'palyra.shell.exec' }),
    );
    await repos.approvals.decide(tenantId, once.approval.approvalId, allow('once'));
    assert.equal(await repos.approvals.findGrant(tenantId, sessionId, 'palyra.net.fetch'), null);
    assert.equal(await repos.approvals.findGrant(tenantId, sessionId, 'palyra.shell.exec'), null);
  });

  test('approvals: a timeboxed allow lasts its ttl; the ttl is required and positive', async () => {
    const seeded = await seed(await driver.shared());
    const { repos, tenantId, sessionId } = seeded;
    const { approval } = await repos.approvals.create(tenantId, approvalFor(seeded));
    await rejectsWith(
      repos.approvals.decide(tenantId, approval.approvalId, allow('timeboxed')),
      'INVALID_ARGUMENT',
      'decision_scope_ttl_ms must be a positive integer for a timeboxed decision',
    );
    await rejectsWith(
      repos.approvals.decide(tenantId, approval.approvalId, allow('timeboxed', 0)),
      'INVALID_ARGUMENT',
    );
    assert.equal((await repos.approvals.get(tenantId, approval.approvalId))?.decision, null, 'still pending');

    const { approval: decided } = await repos.approvals.decide(
      tenantId,
      approval.approvalId,
      allow('timeboxed', 600_000),
    );
    assert.equal(decided.decisionScopeTtlMs, 600_000);
    const grant = await repos.approvals.findGrant(tenantId, sessionId, approval.subjectId);
    assert.ok(grant?.expiresAt && decided.resolvedAt);
    assert.equal(grant.scope, 'timeboxed');
    assert.equal(grant.expiresAt.getTime() - decided.resolvedAt.getTime(), 600_000);
    // Dates are milliseconds and the database keeps microseconds: step a whole millisecond either way.
    const justBefore = new Date(grant.expiresAt.getTime() - 1);
    const justAfter = new Date(grant.expiresAt.getTime() + 1);
    assert.ok(await repos.approvals.findGrant(tenantId, sessionId, approval.subjectId, justBefore));
    assert.equal(await repos.approvals.findGrant(tenantId, sessionId, approval.subjectId, justAfter), null);

    // A later session-wide allow for the same tool replaces the timeboxed grant.
    const later = await repos.approvals.create(tenantId, approvalFor(seeded));
    await repos.approvals.decide(tenantId, later.approval.approvalId, allow('session'));
    const replaced = await repos.approvals.findGrant(
      tenantId,
      sessionId,
      approval.subjectId,
      new Date('9999-01-01T00:00:00Z'),
    );
    assert.equal(replaced?.approvalId, later.approval.approvalId);
    assert.equal(replaced?.expiresAt, null);
  });

  test('approvals: list pages newest first and filters', async () => {
    const seeded = await seed(await driver.shared());
    const { repos, tenantId } = seeded;
    const base = Date.now() - 10_000;
    const create = async (subjectId: string, offsetMs: number) =>
      (
        await repos.approvals.create(
          tenantId,
          approvalFor(seeded, { subjectId, requestedAt: new Date(base + offsetMs) }),
        )
      ).approval.approvalId;
    const read = await create('palyra.fs.read', 0);
    const write = await create('palyra.fs.write', 1000);
    const exec = await create('palyra.shell.exec', 2000);
    await repos.approvals.decide(tenantId, read, allow('once'));
    await repos.approvals.decide(tenantId, exec, {
      decision: 'deny',
      scope: 'once',
      reason: 'no',
      decidedBy: 'user:alice',
    });
    const ids = (page: { items: { approvalId: string }[] }) => page.items.map((item) => item.approvalId);

    const first = await repos.approvals.list(tenantId, { limit: 2 });
    assert.deepEqual(ids(first), [exec, write]);
    assert.equal(first.nextAfter, write);
    const second = await repos.approvals.list(tenantId, { limit: 2, after: first.nextAfter });
    assert.deepEqual(ids(second), [read]);
    assert.equal(second.nextAfter, '');

    assert.deepEqual(ids(await repos.approvals.list(tenantId, { decision: 'pending' })), [write]);
    assert.deepEqual(ids(await repos.approvals.list(tenantId, { decision: 'deny' })), [exec]);
    assert.deepEqual(ids(await repos.approvals.list(tenantId, { subjectId: 'palyra.fs.read' })), [read]);
    assert.deepEqual(ids(await repos.approvals.list(tenantId, { sinceMs: base + 1000 })), [exec, write]);
    assert.deepEqual(ids(await repos.approvals.list(tenantId, { untilMs: base + 1000 })), [write, read]);
    assert.deepEqual(
      ids(await repos.approvals.list(tenantId, { runId: seeded.runId, subjectType: 'tool' })),
      [exec, write, read],
    );
    assert.deepEqual(ids(await repos.approvals.list(tenantId, { sessionId: newId() })), []);
    assert.deepEqual(ids(await repos.approvals.list(tenantId, { principal: 'user:bob' })), []);
  });

  test('approvals: another tenant never sees, lists or decides a record', async () => {
    const database = await driver.shared();
    const a = await seed(database);
    const b = await seed(database);
    const { approval } = await a.repos.approvals.create(a.tenantId, approvalFor(a));
    assert.equal(await b.repos.approvals.get(b.tenantId, approval.approvalId), null);
    assert.equal(await b.repos.approvals.getByProposal(b.tenantId, a.runId, approval.proposalId), null);
    assert.deepEqual((await b.repos.approvals.list(b.tenantId)).items, []);
    await rejectsWith(
      b.repos.approvals.decide(b.tenantId, approval.approvalId, allow('session')),
      'NOT_FOUND',
      'approval not found',
    );
    // Nor can B file a request against A's run.
    await rejectsWith(b.repos.approvals.create(b.tenantId, approvalFor(a)), 'NOT_FOUND');
    assert.equal((await a.repos.approvals.get(a.tenantId, approval.approvalId))?.decision, null);
    await a.repos.approvals.decide(a.tenantId, approval.approvalId, allow('session'));
    assert.equal(await b.repos.approvals.findGrant(b.tenantId, a.sessionId, approval.subjectId), null);
  });
}
