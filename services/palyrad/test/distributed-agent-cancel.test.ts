// Runs stopped from anywhere, end to end through real processes (2 gateways, 2 orchestrators,
// Postgres, NATS) and a fake OpenAI-format upstream: cancel during a slow model stream (AbortRun,
// and the admin HTTP cancel, on the gateway that does not hold the client's stream), cancel while
// `palyra.sleep` runs, and an approval nobody answers before its timeout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CancelRequestedPayload, newId } from '@palyra/core';
import type { FakeRequest, FakeUpstream } from '@palyra/testkit';
import {
  assertRunDurable,
  EVENT_TIMEOUT_MS,
  eventLabels,
  fakeOpenAI,
  isApprovalRequest,
  openAIProviderEnv,
  type RecordedRun,
  recordRun,
  runSignals,
  sharedCluster,
  textAfterTools,
} from './distributed-agent-support.js';
import { type DistributedCluster, TENANT, within } from './distributed-cluster.js';

/** 200 chunks 100 ms apart: the answer would take 20 s, so a cancel always lands mid-stream. */
const SLOW_WORDS = Array.from({ length: 200 }, (_, index) => `word${index} `);
/** Short, so the timeout case ends soon; the other cases never ask for an approval. */
const APPROVAL_TIMEOUT_MS = 1_500;

/** The upstream requests that arrived since `from` (the fake is shared by the file's tests). */
function requestsSince(upstream: FakeUpstream, from: number): FakeRequest[] {
  return upstream.requests.slice(from);
}

describe('distributed agent loop: cancel from anywhere, and approvals nobody answers', () => {
  let upstream: FakeUpstream | undefined;
  const cluster = sharedCluster(async ({ closeAfter }) => {
    upstream = await fakeOpenAI(closeAfter);
    return {
      orchestratorEnv: {
        // The fake's default answer turns `#tool <name> <json>` lines into tool calls, like the
        // deterministic provider, and answers tool results with `<tool> returned <result>`.
        ...openAIProviderEnv(upstream),
        PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'palyra.echo',
        PALYRA_TOOL_APPROVAL_TIMEOUT_MS: String(APPROVAL_TIMEOUT_MS),
      },
    };
  });
  const fake = (): FakeUpstream => {
    assert.ok(upstream !== undefined);
    return upstream;
  };

  /** Starts a run on gateway-2 whose model answer streams slowly; resolves once tokens flow. */
  async function slowRun(principal: string): Promise<{ run: RecordedRun; from: number }> {
    const from = fake().requests.length;
    fake().enqueue({ text: SLOW_WORDS, chunkDelayMs: 100 });
    const run = recordRun(cluster().client(1, { principal, resume: false }), {
      text: 'tell me a very long story',
      sessionKey: `slow-${newId()}`,
    });
    await run.waitForEvent(
      (event) => event.type === 'token' && event.text !== '',
      'the first streamed tokens',
    );
    return { run, from };
  }

  /**
   * The run ended FAILED "cancelled by request" on the client's stream, the run row is `cancelled`
   * with who asked, and the journal records the request and the end.
   */
  async function assertCancelled(
    env: DistributedCluster,
    run: RecordedRun,
    expected: { readonly requestedBy: string; readonly reason: string },
  ): Promise<void> {
    const outcome = await run.finish();
    assert.equal(outcome.status, 'FAILED');
    assert.equal(outcome.message, 'cancelled by request');
    assert.equal(eventLabels(run.events).at(-1), 'status:FAILED');
    const journal = await assertRunDurable(env, run, outcome);
    const ended = journal.at(-1);
    assert.equal(ended?.kind, 'run_failed');
    const payload = ended?.payload as { status?: string; message?: string; reason?: string } | undefined;
    assert.equal(payload?.status, 'FAILED');
    assert.equal(payload?.message, 'cancelled by request');
    assert.equal(payload?.reason, 'cancelled');
    const stored = await env.repositories.runs.get(TENANT, run.handle.runId);
    assert.equal(stored?.state, 'cancelled');
    assert.equal(stored?.cancelRequestedBy, expected.requestedBy);
    assert.equal(stored?.cancelReason, expected.reason);
    const requests = (await runSignals(env, run.handle.runId))
      .filter((event) => event.kind === 'run_cancel_requested')
      .map((event) => event.payload as CancelRequestedPayload);
    assert.deepEqual(
      requests.map((request) => [request.requested_by, request.reason]),
      [[expected.requestedBy, expected.reason]],
      'the journal records who cancelled',
    );
  }

  /** The slow model call of the run was aborted (the connection closed by Palyra) and not retried. */
  async function assertUpstreamAborted(run: RecordedRun, from: number): Promise<void> {
    const outcome = await run.finish();
    assert.ok(outcome.text.length < SLOW_WORDS.join('').length, 'the answer was cut short');
    const [request, ...others] = requestsSince(fake(), from);
    assert.ok(request !== undefined, 'the run called the model');
    assert.equal(
      await within(request.closed, EVENT_TIMEOUT_MS, 'the upstream request to end'),
      'client_closed',
      'the provider call was aborted, not left streaming',
    );
    assert.deepEqual(others, [], 'the cancelled call was not retried');
  }

  it('cancels a slow model stream on gateway-2 with AbortRun sent to gateway-1, aborting the upstream request', async () => {
    const env = cluster();
    const principal = `user:${newId().toLowerCase()}`;
    const { run, from } = await slowRun(principal);

    const other = env.client(0, { principal });
    assert.equal(other.urls[0], env.cluster.gateways[0]?.grpcUrl);
    const aborted = await other.abortRun(run.handle.runId, 'the story is long enough');
    assert.equal(aborted.cancelRequested, true);
    await assertCancelled(env, run, { requestedBy: principal, reason: 'the story is long enough' });
    await assertUpstreamAborted(run, from);
  });

  it('cancels a slow model stream with POST /admin/v1/runs/{run_id}/cancel on the other gateway, recorded as the operator', async () => {
    const env = cluster();
    const { run, from } = await slowRun(`user:${newId().toLowerCase()}`);

    const response = await fetch(
      `${env.cluster.gateways[0]?.httpUrl}/admin/v1/runs/${run.handle.runId}/cancel`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${env.cluster.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenant_id: TENANT, reason: 'operator stopped it' }),
      },
    );
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 202, JSON.stringify(body));
    assert.equal(body.run_id, run.handle.runId);
    assert.equal(body.cancel_requested, true);
    assert.equal(body.cancel_requested_by, 'operator');
    await assertCancelled(env, run, { requestedBy: 'operator', reason: 'operator stopped it' });
    await assertUpstreamAborted(run, from);
  });

  it('cancels a run while palyra.sleep runs, with /cancel typed on the stream; the sleep never finishes', async () => {
    const env = cluster();
    const principal = `user:${newId().toLowerCase()}`;
    const from = fake().requests.length;
    const run = recordRun(env.client(0, { principal }), {
      text: 'wait a bit\n#tool palyra.sleep {"ms":5000}',
      sessionKey: `cancel-sleep-${newId()}`,
    });
    await run.waitForEvent(
      (event) => event.type === 'tool_decision' && event.decision === 'ALLOW',
      'palyra.sleep to be allowed and started',
    );
    await run.handle.cancel();
    await assertCancelled(env, run, { requestedBy: principal, reason: 'cancelled by request' });
    assert.deepEqual(eventLabels(run.events), [
      'status:ACCEPTED',
      'status:IN_PROGRESS',
      'tool_proposal:palyra.sleep',
      'tool_decision:ALLOW',
      'status:FAILED',
    ]);
    const journal = await env.journalEvents(run.handle.runId);
    assert.equal(
      journal.some((event) => event.kind === 'tool_executed'),
      false,
      'no result: the sleep was aborted',
    );
    assert.equal(requestsSince(fake(), from).length, 1, 'the model was not called again after the cancel');
  });

  it('denies the tool when nobody answers before PALYRA_TOOL_APPROVAL_TIMEOUT_MS, and tells the model', async () => {
    const env = cluster();
    const from = fake().requests.length;
    const run = recordRun(env.client(1), {
      text: '#tool palyra.echo {"text":"too late"}',
      sessionKey: `approval-timeout-${newId()}`,
    });
    const outcome = await run.finish();
    assert.equal(outcome.status, 'DONE', `the run ends DONE (got: ${outcome.message})`);
    assert.deepEqual(eventLabels(run.events), [
      'status:ACCEPTED',
      'status:IN_PROGRESS',
      'tool_proposal:palyra.echo',
      'tool_approval_request:palyra.echo',
      'tool_approval_response:denied',
      'tool_decision:DENY',
      'tool_result:failed',
      'tool_attestation',
      'status:DONE',
    ]);
    const request = await run.waitForEvent(isApprovalRequest, 'the approval request');
    assert.equal(request.prompt?.timeoutSeconds, Math.ceil(APPROVAL_TIMEOUT_MS / 1000));
    const echo = run.events.find((event) => event.type === 'tool_approval_response');
    assert.ok(echo?.type === 'tool_approval_response');
    assert.match(echo.reason, /timed out/);
    const result = run.events.find((event) => event.type === 'tool_result');
    assert.ok(result?.type === 'tool_result');
    assert.match(result.error, /^denied/);
    await assertRunDurable(env, run, outcome);

    // The model was called again with the denial as the tool's result, and answered without it.
    const [, second, ...others] = requestsSince(fake(), from);
    assert.deepEqual(others, []);
    const toolMessage = (second?.body.messages as { role: string; content: unknown }[] | undefined)?.at(-1);
    assert.equal(toolMessage?.role, 'tool');
    assert.match(String(toolMessage?.content), /denied/);
    assert.match(textAfterTools(run.events), /denied/);

    const approval = await env.client(0).getApproval(request.approvalId);
    assert.equal(approval.decision, 'TIMEOUT');
  });
});
