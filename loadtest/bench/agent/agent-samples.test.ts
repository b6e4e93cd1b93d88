import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type {
  RunEvent,
  RunOutcome,
  StatusEvent,
  TokenEvent,
  ToolApprovalResponseEvent,
  ToolDecisionEvent,
  ToolResultEvent,
} from '@palyra/client';
import { CANCELLED_BY_REQUEST } from '@palyra/core';
import {
  AGENT_LATENCY_TARGET_MS,
  approvalResumeMs,
  cancelSample,
  checkApprovedRun,
  scenarioFigures,
} from './agent-samples.js';
import { RunTrace, type TracedEvent } from './run-trace.js';

// Traces are built by hand with made-up arrival times: these tests check what the harness
// computes from what a client saw, never how fast anything is.

const PROPOSAL = '01J00000000000000000000001';
const OTHER_PROPOSAL = '01J00000000000000000000002';

const base = { seq: 0, timestampUnixMs: 0 };

function token(awaitingInput = false): TokenEvent {
  return { ...base, type: 'token', text: 'word ', isFinal: awaitingInput, awaitingInput };
}

function status(kind: StatusEvent['kind'], message = ''): StatusEvent {
  return { ...base, type: 'status', kind, message };
}

function decision(kind: ToolDecisionEvent['decision']): ToolDecisionEvent {
  return {
    ...base,
    type: 'tool_decision',
    proposalId: PROPOSAL,
    decision: kind,
    reason: '',
    approvalRequired: false,
    policyEnforced: true,
  };
}

function result(success: boolean, proposalId = PROPOSAL): ToolResultEvent {
  return {
    ...base,
    type: 'tool_result',
    proposalId,
    success,
    outputJson: '{}',
    error: success ? '' : 'boom',
  };
}

function echo(proposalId: string, approved: boolean, reason = ''): ToolApprovalResponseEvent {
  return {
    ...base,
    type: 'tool_approval_response',
    proposalId,
    approvalId: '01J00000000000000000000009',
    approved,
    reason,
    scope: 'ONCE',
    scopeTtlMs: 0,
  };
}

function trace(...items: [number, RunEvent][]): TracedEvent[] {
  return items.map(([at, event]) => ({ at, event }));
}

function outcome(kind: RunOutcome['status'], message = ''): RunOutcome {
  return { status: kind, message, text: '', runId: '', sessionId: undefined, lastSeq: 0 };
}

const CANCELLED = status('FAILED', CANCELLED_BY_REQUEST);

describe('cancelSample', () => {
  it('measures from the cancel request to FAILED and counts what streamed meanwhile', () => {
    const events = trace(
      [5, status('ACCEPTED')],
      [10, token()],
      [25, token()],
      [26, token()],
      [60, CANCELLED],
    );

    const sample = cancelSample(events, 20, 'model_stream');

    assert.deepEqual(sample, { latencyMs: 40, tokensAfterRequest: 2, toolFinished: false });
  });

  it('refuses a run whose answer was complete before the cancel (no stream in flight)', () => {
    const events = trace([10, token()], [12, token(true)], [60, CANCELLED]);

    assert.throws(() => cancelSample(events, 20, 'model_stream'), /answer was complete before the cancel/);
  });

  it('refuses a model-stream sample without a token before the cancel', () => {
    assert.throws(
      () => cancelSample(trace([5, status('IN_PROGRESS')], [60, CANCELLED]), 20, 'model_stream'),
      /model stream had not started/,
    );
  });

  it('refuses runs that ended DONE, failed otherwise, ended before the request, or never ended', () => {
    assert.throws(
      () => cancelSample(trace([10, token()], [60, status('DONE')]), 20, 'model_stream'),
      /ended DONE although it was cancelled/,
    );
    assert.throws(
      () =>
        cancelSample(
          trace([10, token()], [60, status('FAILED', 'model provider unavailable')]),
          20,
          'model_stream',
        ),
      /another reason than the cancel: model provider unavailable/,
    );
    assert.throws(
      () => cancelSample(trace([10, token()], [15, CANCELLED]), 20, 'model_stream'),
      /before the cancel was requested/,
    );
    assert.throws(() => cancelSample(trace([10, token()]), 20, 'model_stream'), /no terminal status/);
  });

  it('takes a tool sample only when an allowed tool was running at the request', () => {
    const interrupted = cancelSample(trace([10, decision('ALLOW')], [90, CANCELLED]), 30, 'tool');
    assert.deepEqual(interrupted, { latencyMs: 60, tokensAfterRequest: 0, toolFinished: false });

    const uninterrupted = cancelSample(
      trace([10, decision('ALLOW')], [5_010, result(true)], [5_020, CANCELLED]),
      30,
      'tool',
    );
    assert.equal(uninterrupted.toolFinished, true, 'a tool that ran to its end is flagged');
    assert.equal(uninterrupted.latencyMs, 4_990);

    assert.throws(
      () => cancelSample(trace([10, decision('DENY')], [90, CANCELLED]), 30, 'tool'),
      /no tool was allowed/,
    );
    assert.throws(
      () => cancelSample(trace([10, decision('ALLOW')], [20, result(true)], [90, CANCELLED]), 30, 'tool'),
      /tool had finished before the cancel/,
    );
  });
});

describe('approvalResumeMs', () => {
  it("measures from the decision to this proposal's echo, skipping other proposals", () => {
    const events = trace([30, echo(OTHER_PROPOSAL, true)], [55, echo(PROPOSAL, true)]);

    assert.equal(approvalResumeMs(events, 20, PROPOSAL), 35);
  });

  it('refuses a denied echo (e.g. the approval timed out) and a missing one', () => {
    assert.throws(
      () => approvalResumeMs(trace([55, echo(PROPOSAL, false, 'approval timed out')]), 20, PROPOSAL),
      /denied: approval timed out/,
    );
    assert.throws(
      () => approvalResumeMs(trace([55, echo(OTHER_PROPOSAL, true)]), 20, PROPOSAL),
      /no tool_approval_response/,
    );
    assert.throws(() => approvalResumeMs(trace([10, echo(PROPOSAL, true)]), 20, PROPOSAL), /answered before/);
  });
});

describe('checkApprovedRun', () => {
  it('accepts a DONE run whose approved tool succeeded, and refuses anything else', () => {
    const ran = trace([60, result(true)], [80, status('DONE')]);
    assert.doesNotThrow(() => checkApprovedRun(ran, PROPOSAL, outcome('DONE')));

    assert.throws(
      () => checkApprovedRun(ran, PROPOSAL, outcome('FAILED', 'tool_call_limit')),
      /ended FAILED: tool_call_limit/,
    );
    assert.throws(
      () => checkApprovedRun(trace([60, result(false)]), PROPOSAL, outcome('DONE')),
      /tool failed: boom/,
    );
    assert.throws(
      () => checkApprovedRun(trace([60, result(true, OTHER_PROPOSAL)]), PROPOSAL, outcome('DONE')),
      /no tool_result/,
    );
  });
});

describe('scenarioFigures', () => {
  const oneToTwoHundred = Array.from({ length: 200 }, (_, index) => index + 1);

  it('reports nearest-rank p50/p95/p99 with the target on p99, the one-at-a-time floor, and the failed samples', () => {
    const figures = scenarioFigures({
      scenario: 'cancelStream',
      samples: oneToTwoHundred,
      serialSamples: [7, 3, 5, 9, 1],
      failures: 0,
      firstFailure: undefined,
    });

    assert.deepEqual(Object.keys(figures).sort(), [
      'cancelStreamFailed',
      'cancelStreamP50',
      'cancelStreamP95',
      'cancelStreamP99',
      'cancelStreamSerialP50',
      'cancelStreamSerialP99',
    ]);
    assert.equal(figures.cancelStreamP50?.value, 100);
    assert.equal(figures.cancelStreamP95?.value, 190);
    assert.equal(figures.cancelStreamP99?.value, 198);
    assert.deepEqual(figures.cancelStreamP99?.target, { comparison: '<=', value: AGENT_LATENCY_TARGET_MS });
    assert.equal(figures.cancelStreamP99?.pass, true);
    assert.equal(figures.cancelStreamP50?.target, undefined);
    assert.equal(figures.cancelStreamSerialP50?.value, 5);
    assert.equal(figures.cancelStreamSerialP99?.value, 9);
    assert.equal(figures.cancelStreamSerialP99?.target, undefined, 'the target is on the concurrent p99');
    assert.equal(figures.cancelStreamFailed?.value, 0);
    assert.equal(figures.cancelStreamFailed?.pass, true);
  });

  it('marks a p99 above the target and any failed sample as misses', () => {
    const slow = oneToTwoHundred.map((value) => value + AGENT_LATENCY_TARGET_MS);
    const figures = scenarioFigures({
      scenario: 'approvalDecide',
      samples: slow,
      serialSamples: [],
      failures: 2,
      firstFailure: 'x',
    });

    assert.equal(figures.approvalDecideP99?.pass, false);
    assert.equal(figures.approvalDecideFailed?.value, 2);
    assert.equal(figures.approvalDecideFailed?.pass, false);
  });

  it('reports only the failures of a scenario without a valid sample', () => {
    const figures = scenarioFigures({
      scenario: 'cancelSleep',
      samples: [],
      serialSamples: [],
      failures: 4,
      firstFailure: 'x',
    });

    assert.deepEqual(Object.keys(figures), ['cancelSleepFailed']);
  });
});

describe('RunTrace', () => {
  it('resolves a wait with an event seen before or received later, and fails waits once the run ended', async () => {
    const runTrace = new RunTrace();
    runTrace.record(status('ACCEPTED'));
    const seen = await runTrace.waitFor((event) => event.type === 'status', 1_000, 'status');
    assert.equal(seen.event.type, 'status');

    const later = runTrace.waitFor((event) => event.type === 'token', 60_000, 'first token');
    runTrace.record(token());
    assert.equal((await later).event.type, 'token');
    assert.equal(runTrace.events.length, 2);

    const never = runTrace.waitFor((event) => event.type === 'tool_result', 60_000, 'tool result');
    runTrace.end('the run ended DONE: ');
    await assert.rejects(never, /tool result: the run ended DONE/);
    await assert.rejects(
      runTrace.waitFor((event) => event.type === 'tool_result', 60_000, 'tool result'),
      /run ended/,
    );
  });

  it('fails a wait that nothing answers within its timeout', async () => {
    await assert.rejects(
      new RunTrace().waitFor(() => false, 1, 'approval request'),
      /no approval request within 1 ms/,
    );
  });
});

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('bench arguments', () => {
  it('offers the agent section in --only and its usage', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '--conditions=@palyra/source', MAIN, '--only', 'agents'],
        { cwd: ROOT, timeout: 60_000 },
        (error, _stdout, stderrText) => {
          resolve({
            code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
            stderr: stderrText,
          });
        },
      );
    });

    assert.equal(code, 2);
    assert.match(stderr, /--only must be one of all, blocks, e2e, agent/);
    assert.match(stderr, /\[--only blocks\|e2e\|agent\]/);
  });
});
