// Durable tool approvals end to end through real processes (2 gateways, 2 orchestrators, Postgres,
// NATS): answered in-stream, answered through ApprovalsService.DecideApproval on the other gateway,
// and a worker killed with SIGKILL while it waits for one (last: it leaves one worker). The
// timeout case is in distributed-agent-cancel.test.ts, whose cluster has a short approval timeout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ToolApprovalRequestEvent } from '@palyra/client';
import { newId } from '@palyra/core';
import { metricValue, waitFor } from '@palyra/testkit';
import {
  assertRunDurable,
  EVENT_TIMEOUT_MS,
  eventLabels,
  type FetchTarget,
  fetchTarget,
  isApprovalRequest,
  ONE_TOOL_CALL,
  recordRun,
  sharedCluster,
  textAfterTools,
} from './distributed-agent-support.js';
import { type DistributedCluster, TENANT } from './distributed-cluster.js';

/** The order of a run whose one tool call was approved and then ran. */
const APPROVED_CALL = (tool: string) => [
  'status:ACCEPTED',
  'status:IN_PROGRESS',
  `tool_proposal:${tool}`,
  `tool_approval_request:${tool}`,
  'tool_approval_response:approved',
  'tool_decision:ALLOW',
  'tool_result:ok',
  'tool_attestation',
  'status:DONE',
];

/** The prompt carries Palyra's three options, and the request its approval id. */
function assertPrompt(request: ToolApprovalRequestEvent, tool: string, risk: string): void {
  assert.match(request.approvalId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(request.approvalRequired, true);
  assert.equal(request.prompt?.riskLevel, risk);
  assert.equal(request.prompt?.subjectId, tool);
  assert.ok((request.prompt?.timeoutSeconds ?? 0) > 0, 'the prompt says how long it waits');
  assert.deepEqual(
    request.prompt?.options.map((option) => [option.optionId, option.scope]),
    [
      ['allow_once', 'ONCE'],
      ['allow_session', 'SESSION'],
      ['deny', 'ONCE'],
    ],
  );
}

/** The orchestrator's `palyra_run_redeliveries_total`. */
async function redeliveries(env: DistributedCluster, index: number): Promise<number> {
  const response = await fetch(`${env.cluster.orchestrators[index]?.httpUrl}/metrics`);
  return metricValue(await response.text(), 'palyra_run_redeliveries_total');
}

async function inFlight(env: DistributedCluster, index: number): Promise<number> {
  const orchestrator = env.cluster.orchestrators[index];
  if (orchestrator === undefined || !orchestrator.running) return 0;
  const response = await fetch(`${orchestrator.httpUrl}/metrics`);
  return metricValue(await response.text(), 'palyra_runs_in_flight');
}

describe('distributed agent loop: durable approvals', () => {
  let target: FetchTarget | undefined;
  const cluster = sharedCluster(async ({ closeAfter }) => {
    target = await fetchTarget(closeAfter, 'status: all green');
    return {
      orchestratorEnv: {
        // palyra.http.fetch needs approval by default; palyra.echo too here, so the deterministic
        // provider can drive the other flows without a network.
        PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'palyra.http.fetch,palyra.echo',
        PALYRA_HTTP_FETCH_ALLOW_PRIVATE_TARGETS: 'true',
        // Redelivery 2 s after a worker goes silent; approvals wait far longer (60 s).
        PALYRA_RUN_ACK_WAIT_MS: '2000',
      },
    };
  });

  it('runs palyra.http.fetch once the client approves in-stream, and not before', async () => {
    const env = cluster();
    assert.ok(target !== undefined);
    const fetched = target;
    let hitsWhenAsked: number | undefined;
    const run = recordRun(env.client(0), {
      text: `check the status\n#tool palyra.http.fetch {"url":"${fetched.url}"}`,
      sessionKey: 'approve-in-stream',
      onEvent: (event, handle) => {
        if (!isApprovalRequest(event)) return;
        hitsWhenAsked = fetched.hits;
        handle.approve(event.proposalId, event.approvalId, true, 'ONCE', 'looks safe');
      },
    });
    const outcome = await run.finish();
    assert.equal(outcome.status, 'DONE', `the run ends DONE (got: ${outcome.message})`);
    assert.deepEqual(eventLabels(run.events), APPROVED_CALL('palyra.http.fetch'));
    assert.equal(hitsWhenAsked, 0, 'nothing was fetched before the approval');
    assert.equal(fetched.hits, 1, 'fetched exactly once after it');

    const request = await run.waitForEvent(isApprovalRequest, 'the approval request');
    assertPrompt(request, 'palyra.http.fetch', 'HIGH');
    const echo = run.events.find((event) => event.type === 'tool_approval_response');
    assert.ok(echo?.type === 'tool_approval_response');
    assert.equal(echo.approvalId, request.approvalId);
    assert.equal(echo.scope, 'ONCE');
    assert.equal(echo.reason, 'looks safe');
    const result = run.events.find((event) => event.type === 'tool_result');
    assert.ok(result?.type === 'tool_result');
    assert.match(result.outputJson, /all green/);
    assert.match(textAfterTools(run.events), /palyra\.http\.fetch/);
    await assertRunDurable(env, run, outcome);

    const approval = await env.client(1).getApproval(request.approvalId);
    assert.equal(approval.decision, 'ALLOW');
    assert.equal(approval.scope, 'ONCE');
    assert.equal(approval.runId, run.handle.runId);
    assert.equal(approval.subjectId, 'palyra.http.fetch');
    assert.match(approval.policy.policyHash, /^[0-9a-f]{64}$/, 'the policy snapshot is recorded');
  });

  it('resumes the run on one gateway when the approval is decided through ApprovalsService on the other, and remembers a session grant', async () => {
    const env = cluster();
    const identity = { principal: `user:${newId().toLowerCase()}`, deviceId: newId() };
    const run = recordRun(env.client(0, identity), {
      text: '#tool palyra.echo {"text":"decided elsewhere"}',
      sessionKey: 'approve-elsewhere',
    });
    const request = await run.waitForEvent(isApprovalRequest, 'the approval request');
    assertPrompt(request, 'palyra.echo', 'LOW');

    // An operator at the console, through the other gateway.
    const console = env.client(1, { principal: 'admin:console' });
    assert.equal(console.urls[0], env.cluster.gateways[1]?.grpcUrl);
    const pending = await console.getApproval(request.approvalId);
    assert.equal(pending.decision, 'PENDING');
    assert.equal(pending.runId, run.handle.runId);
    const listed = await console.listApprovals({ subjectId: 'palyra.echo' });
    assert.ok(listed.approvals.some((approval) => approval.approvalId === request.approvalId));

    const decided = await console.decideApproval(request.approvalId, {
      approved: true,
      scope: 'SESSION',
      reason: 'approved from the console',
    });
    assert.equal(decided.decision, 'ALLOW');
    assert.equal(decided.scope, 'SESSION');
    await assert.rejects(
      console.decideApproval(request.approvalId, { approved: false }),
      { code: 'FAILED_PRECONDITION' },
      'the first decision wins',
    );

    const outcome = await run.finish();
    assert.equal(outcome.status, 'DONE', `the run ends DONE (got: ${outcome.message})`);
    assert.deepEqual(eventLabels(run.events), APPROVED_CALL('palyra.echo'));
    const echo = run.events.find((event) => event.type === 'tool_approval_response');
    assert.ok(echo?.type === 'tool_approval_response');
    assert.equal(echo.scope, 'SESSION');
    assert.equal(echo.reason, 'approved from the console');
    await assertRunDurable(env, run, outcome);
    const stored = await env.repositories.approvals.get(TENANT, request.approvalId);
    assert.equal(stored?.decidedBy, 'admin:console', 'the approval records who decided');

    // The session grant is in Postgres: the next run of the session, through the other gateway
    // (so most likely on whichever worker), runs the tool without asking.
    assert.ok(outcome.sessionId !== undefined);
    const next = recordRun(env.client(1, identity), {
      text: '#tool palyra.echo {"text":"again"}',
      sessionId: outcome.sessionId,
      requireExisting: true,
    });
    const nextOutcome = await next.finish();
    assert.equal(nextOutcome.status, 'DONE', `the second run ends DONE (got: ${nextOutcome.message})`);
    assert.deepEqual(eventLabels(next.events), ONE_TOOL_CALL, 'allowed by the grant, without asking');
    const decision = next.events.find((event) => event.type === 'tool_decision');
    assert.ok(decision?.type === 'tool_decision');
    assert.match(decision.reason, new RegExp(`${request.approvalId}.*for this session`));
    await assertRunDurable(env, next, nextOutcome);
  });

  it('re-shows the pending approval from the other worker after the one waiting is killed with SIGKILL, and deciding it completes the run', async () => {
    const env = cluster();
    const principal = `user:${newId().toLowerCase()}`;
    const run = recordRun(env.client(0, { principal }), {
      text: '#tool palyra.echo {"text":"survives a crash"}',
      sessionKey: 'approval-kill9',
    });
    const first = await run.waitForEvent(isApprovalRequest, 'the approval request');
    const holder = await waitFor(
      async () => {
        for (const index of [0, 1]) if ((await inFlight(env, index)) > 0) return index;
        return undefined;
      },
      { timeoutMs: EVENT_TIMEOUT_MS, intervalMs: 50, what: 'the worker holding the run' },
    );
    const survivor = holder === 0 ? 1 : 0;
    const exit = await env.cluster.orchestrators[holder]?.kill9();
    assert.equal(exit?.signal, 'SIGKILL');

    const requests = () => run.events.filter(isApprovalRequest);
    await waitFor(() => (requests().length >= 2 ? true : undefined), {
      timeoutMs: EVENT_TIMEOUT_MS,
      intervalMs: 50,
      what: 'the redelivered run to show the approval request again',
    });
    const [, again] = requests();
    assert.equal(again?.approvalId, first.approvalId, 'the same approval, not a new one');
    assert.equal(again?.proposalId, first.proposalId);
    assert.ok(run.handle.lastSeq > first.seq);
    run.handle.approve(first.proposalId, first.approvalId, true, 'ONCE', 'after the crash');

    const outcome = await run.finish();
    assert.equal(outcome.status, 'DONE', `the run ends DONE (got: ${outcome.message})`);
    assert.deepEqual(eventLabels(run.events), [
      'status:ACCEPTED',
      'status:IN_PROGRESS',
      'tool_proposal:palyra.echo',
      'tool_approval_request:palyra.echo',
      'tool_approval_request:palyra.echo',
      'tool_approval_response:approved',
      'tool_decision:ALLOW',
      'tool_result:ok',
      'tool_attestation',
      'status:DONE',
    ]);
    assert.match(textAfterTools(run.events), /survives a crash/);
    await assertRunDurable(env, run, outcome);
    assert.ok((await redeliveries(env, survivor)) > 0, 'the surviving worker took the run over');
  });
});
