import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  TOOL_EVENT_KINDS,
  type ToolApprovalRequestedPayload,
  type ToolApprovalRespondedPayload,
  type ToolAttestedPayload,
  type ToolDecidedPayload,
  type ToolExecutedPayload,
  type ToolProposedPayload,
} from '@palyra/core';
import type { StoredJournalEvent } from '@palyra/journal';
import { createDeterministicProvider } from '@palyra/providers';
import { waitFor } from '@palyra/testkit';
import { assertWellFormed, createHarness, type Driver, type RunFollower, tokenPayloads } from './harness.js';

const TOOL_KINDS: ReadonlySet<string> = new Set(TOOL_EVENT_KINDS);

function toolKinds(events: readonly StoredJournalEvent[]): string[] {
  return events.filter((event) => TOOL_KINDS.has(event.kind)).map((event) => event.kind);
}

function payloadsOf<T>(events: readonly StoredJournalEvent[], kind: string): T[] {
  return events.filter((event) => event.kind === kind).map((event) => event.payload as T);
}

function ended(events: readonly StoredJournalEvent[]): {
  status?: string;
  reason?: string;
  message?: string;
} {
  return events.at(-1)?.payload as { status?: string; reason?: string; message?: string };
}

async function finishAfterAnswer(run: RunFollower): Promise<StoredJournalEvent[]> {
  await run.waitForLive(
    (event) => event.kind === 'model_token' && tokenPayloads([event])[0]?.awaiting_input === true,
  );
  await run.halfClose();
  return run.ended();
}

/** The approval request the run is waiting on, once it is journaled. */
async function pendingApproval(run: RunFollower): Promise<ToolApprovalRequestedPayload> {
  const event = await run.waitForLive((candidate) => candidate.kind === 'tool_approval_requested');
  return event.payload as ToolApprovalRequestedPayload;
}

/** Tool flows: policy, approvals, limits and cancel inside the agent loop. */
export function registerToolScenarios(driver: Driver): void {
  describe(`agent loop tools on ${driver.name}`, () => {
    it('runs an allowed tool, attests it, and answers with its result in a second turn', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker();
      const gateway = await harness.gateway();
      const run = await gateway.startRun('look:\n#tool palyra.echo {"text":"hi there"}');
      const events = await finishAfterAnswer(run);

      assertWellFormed(events);
      assert.deepEqual(toolKinds(events), [
        'tool_proposed',
        'tool_decided',
        'tool_executed',
        'tool_attested',
      ]);
      const [proposal] = payloadsOf<ToolProposedPayload>(events, 'tool_proposed');
      assert.equal(proposal?.tool_name, 'palyra.echo');
      assert.equal(proposal?.approval_required, false);
      assert.deepEqual(JSON.parse(proposal?.input_json ?? ''), { text: 'hi there' });
      const [decision] = payloadsOf<ToolDecidedPayload>(events, 'tool_decided');
      assert.equal(decision?.kind, 'ALLOW');
      const [result] = payloadsOf<ToolExecutedPayload>(events, 'tool_executed');
      assert.equal(result?.success, true);
      assert.deepEqual(JSON.parse(result?.output_json ?? ''), { text: 'hi there' });
      const [attestation] = payloadsOf<ToolAttestedPayload>(events, 'tool_attested');
      assert.match(attestation?.execution_sha256 ?? '', /^[0-9a-f]{64}$/);
      assert.equal(attestation?.proposal_id, proposal?.proposal_id);

      const chunks = tokenPayloads(events);
      const firstFinal = chunks.find((chunk) => chunk.turn === 1 && chunk.is_final);
      assert.equal(firstFinal?.tool_calls?.[0]?.tool_name, 'palyra.echo');
      assert.equal(firstFinal?.awaiting_input, undefined, 'a tool turn does not await input');
      const answer = chunks
        .filter((chunk) => chunk.turn === 2)
        .map((chunk) => chunk.text)
        .join('');
      assert.match(answer, /palyra\.echo/);
      assert.match(answer, /hi there/);
      assert.equal(ended(events).status, 'DONE');
      const stored = await harness.repositories.runs.get(harness.tenantId, run.runId);
      assert.equal(stored?.modelCalls, 2, 'usage recorded per model call');
      assert.ok((stored?.promptTokens ?? 0) > 0);
      const verification = await harness.repositories.journal.verifyChain(harness.tenantId, run.sessionId);
      assert.equal(verification.ok, true);
    });

    it('denies an unknown tool and malformed arguments with reasons the model sees', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker();
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.nope {}\n#tool palyra.sleep {"ms":"soon"}');
      const events = await finishAfterAnswer(run);

      assert.deepEqual(toolKinds(events), [
        'tool_proposed',
        'tool_decided',
        'tool_proposed',
        'tool_decided',
        'tool_executed',
        'tool_attested',
        'tool_executed',
        'tool_attested',
      ]);
      const decisions = payloadsOf<ToolDecidedPayload>(events, 'tool_decided');
      assert.deepEqual(
        decisions.map((decision) => decision.kind),
        ['DENY', 'DENY'],
      );
      assert.match(decisions[0]?.reason ?? '', /unknown tool/);
      assert.match(decisions[1]?.reason ?? '', /ms/);
      const results = payloadsOf<ToolExecutedPayload>(events, 'tool_executed');
      assert.ok(results.every((result) => !result.success && result.error.startsWith('denied')));
      assert.equal(ended(events).status, 'DONE');
    });

    it('waits for an approval decided through the repository and resumes on the control message', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({ toolSettings: { approvalRequiredTools: ['palyra.echo'] } });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.echo {"text":"sensitive"}');
      const request = await pendingApproval(run);
      assert.match(request.approval_id, /^[0-9A-Z]{26}$/);
      assert.equal(request.prompt.options.length, 3);
      const stored = await harness.repositories.approvals.get(harness.tenantId, request.approval_id);
      assert.equal(stored?.decision, null);
      assert.equal(stored?.subjectId, 'palyra.echo');

      await harness.repositories.approvals.decide(harness.tenantId, request.approval_id, {
        decision: 'allow',
        scope: 'session',
        reason: 'fine',
        decidedBy: 'user:alice',
      });
      gateway.bus.control.notify(harness.tenantId, run.runId, {
        type: 'approval',
        approvalId: request.approval_id,
      });
      const events = await finishAfterAnswer(run);

      assert.deepEqual(toolKinds(events), [
        'tool_proposed',
        'tool_approval_requested',
        'tool_approval_responded',
        'tool_decided',
        'tool_executed',
        'tool_attested',
      ]);
      const [response] = payloadsOf<ToolApprovalRespondedPayload>(events, 'tool_approval_responded');
      assert.equal(response?.approved, true);
      assert.equal(response?.decision_scope, 'SESSION');
      assert.equal(response?.decided_by, 'user:alice');
      assert.equal(payloadsOf<ToolExecutedPayload>(events, 'tool_executed')[0]?.success, true);

      // The session grant covers the next run: allowed without asking.
      const second = await gateway.startRun('#tool palyra.echo {"text":"again"}', {
        sessionId: run.sessionId,
      });
      const secondEvents = await finishAfterAnswer(second);
      assert.deepEqual(toolKinds(secondEvents), [
        'tool_proposed',
        'tool_decided',
        'tool_executed',
        'tool_attested',
      ]);
      assert.match(
        payloadsOf<ToolDecidedPayload>(secondEvents, 'tool_decided')[0]?.reason ?? '',
        /for this session/,
      );
    });

    it('denies when the approval times out, and the model answers without the tool', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({
        toolSettings: { approvalRequiredTools: ['palyra.echo'], approvalTimeoutMs: 300 },
      });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.echo {"text":"late"}');
      const events = await finishAfterAnswer(run);

      const [response] = payloadsOf<ToolApprovalRespondedPayload>(events, 'tool_approval_responded');
      assert.equal(response?.approved, false);
      assert.match(response?.reason ?? '', /timed out/);
      assert.equal(payloadsOf<ToolDecidedPayload>(events, 'tool_decided')[0]?.kind, 'DENY');
      const approvalId = payloadsOf<ToolApprovalRequestedPayload>(events, 'tool_approval_requested')[0]
        ?.approval_id;
      const stored = await harness.repositories.approvals.get(harness.tenantId, approvalId ?? '');
      assert.equal(stored?.decision, 'timeout');
      assert.equal(ended(events).status, 'DONE');
    });

    it('denies a pending approval when the client half-closes', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({ toolSettings: { approvalRequiredTools: ['palyra.echo'] } });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.echo {"text":"bye"}');
      await pendingApproval(run);
      await run.halfClose();
      const events = await run.ended();
      const [response] = payloadsOf<ToolApprovalRespondedPayload>(events, 'tool_approval_responded');
      assert.equal(response?.approved, false);
      assert.match(response?.reason ?? '', /half-closed/);
      assert.equal(ended(events).status, 'DONE');
    });

    it('cancels a run while palyra.sleep runs', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker();
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.sleep {"ms":5000}');
      await run.waitForLive((event) => event.kind === 'tool_decided');
      await run.cancel();
      const events = await run.ended();
      assert.equal(ended(events).reason, 'cancelled');
      assert.equal(toolKinds(events).includes('tool_executed'), false, 'the sleep never finished');
      assert.equal(await run.state(), 'cancelled');
    });

    it('fails the run naming the limit when the model asks for more tool calls than allowed', async (t) => {
      const harness = await createHarness(t, driver);
      await harness.startWorker({ toolSettings: { maxCallsPerRun: 1 } });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.echo {"text":"a"}\n#tool palyra.echo {"text":"b"}');
      const events = await run.ended();
      assert.equal(ended(events).status, 'FAILED');
      assert.equal(ended(events).reason, 'tool_call_limit');
      assert.match(ended(events).message ?? '', /PALYRA_TOOL_CALL_MAX_CALLS_PER_RUN/);
      assert.equal(await run.state(), 'failed');
    });

    it('a worker that dies while waiting for approval: the redelivered run shows the request again and continues', async (t) => {
      const harness = await createHarness(t, driver, { ackWaitMs: 1_000 });
      const first = await harness.startWorker({
        name: 'first',
        provider: createDeterministicProvider(),
        settings: { ackWaitMs: 1_000 },
        toolSettings: { approvalRequiredTools: ['palyra.echo'] },
      });
      const gateway = await harness.gateway();
      const run = await gateway.startRun('#tool palyra.echo {"text":"survive"}');
      const request = await pendingApproval(run);
      first.death.kill();
      await harness.startWorker({
        name: 'second',
        settings: { ackWaitMs: 1_000 },
        toolSettings: { approvalRequiredTools: ['palyra.echo'] },
      });
      await waitFor(
        async () =>
          (await run.journalEvents()).filter((event) => event.kind === 'tool_approval_requested').length === 2
            ? true
            : undefined,
        { timeoutMs: 15_000, what: 'the redelivered run to re-emit the approval request' },
      );
      await harness.repositories.approvals.decide(harness.tenantId, request.approval_id, {
        decision: 'allow',
        scope: 'once',
        reason: '',
        decidedBy: 'admin:ops',
      });
      gateway.bus.control.notify(harness.tenantId, run.runId, {
        type: 'approval',
        approvalId: request.approval_id,
      });
      const events = await finishAfterAnswer(run);
      assertWellFormed(events);
      const requests = payloadsOf<ToolApprovalRequestedPayload>(events, 'tool_approval_requested');
      assert.deepEqual(
        requests.map((payload) => payload.approval_id),
        [request.approval_id, request.approval_id],
      );
      assert.equal(payloadsOf<ToolExecutedPayload>(events, 'tool_executed')[0]?.success, true);
      first.death.revive();
    });
  });
}
