import type { PalyraClient, RunEvent, RunHandle } from '@palyra/client';
import { runInputText } from '../context.js';
import {
  type AgentScenario,
  approvalResumeMs,
  type CancelPoint,
  cancelSample,
  checkApprovedRun,
  isTerminalStatus,
} from './agent-samples.js';
import type { ApprovalsClient } from './approvals-client.js';
import { RunTrace } from './run-trace.js';

/** The clients of one gateway: a user who runs agents, and an operator who cancels and decides. */
export interface GatewayClients {
  readonly user: PalyraClient;
  readonly operator: PalyraClient;
  readonly approvals: ApprovalsClient;
}

/** Side figures of each sample, kept for the JSON next to the latencies. */
export interface SampleDetails {
  /** The control call's own round trip: AbortRun or DecideApproval call start -> its response. */
  readonly controlCallMs: number[];
  /** cancelStream: token chunks that still arrived after AbortRun was called. */
  readonly tokensAfterCancel: number[];
  /** cancelSleep: samples where the tool finished before the FAILED status (not interrupted). */
  toolsFinished: number;
}

export function emptySampleDetails(): SampleDetails {
  return { controlCallMs: [], tokensAfterCancel: [], toolsFinished: 0 };
}

/** A 320-word input: echoed one word per token delay, it streams far longer than a cancel takes. */
const STREAM_INPUT = runInputText();
/** palyra.sleep's longest sleep: a cancel that does not abort the tool shows as ~5 s. */
const SLEEP_INPUT = '#tool palyra.sleep {"ms":5000}';
const APPROVAL_INPUT = '#tool palyra.echo {"text":"approved by the bench"}';

/** Until the run reached the point to interrupt (first token, tool decision, approval request). */
const START_TIMEOUT_MS = 30_000;
/** Until the cancel or decision shows on the stream: far above the target, below "never". */
const REACTION_TIMEOUT_MS = 10_000;
/** Until an approved run finished (tool, a short answer, DONE). */
const FINISH_TIMEOUT_MS = 30_000;

const CANCEL_REASON = 'bench: cancel latency';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface TracedRun {
  readonly handle: RunHandle;
  readonly trace: RunTrace;
}

function openTracedRun(client: PalyraClient, sessionKey: string, text: string): TracedRun {
  const trace = new RunTrace();
  const handle = client.openRun({
    sessionKey,
    text,
    bufferEvents: false,
    onEvent: (event) => trace.record(event),
  });
  void handle.done.then(
    (outcome) => trace.end(`the run ended ${outcome.status}: ${outcome.message}`),
    (error: unknown) => trace.end(`the run stream failed: ${messageOf(error)}`),
  );
  return { handle, trace };
}

type Settled = { readonly at: number } | { readonly error: unknown };

/** The time a control call answered, or its error as a value (so it never rejects unobserved). */
function settledAt(promise: Promise<unknown>): Promise<Settled> {
  return promise.then(
    () => ({ at: performance.now() }),
    (error: unknown) => ({ error }),
  );
}

/**
 * Rejects as soon as the control call fails, and never settles otherwise: raced with the wait on
 * the stream, a refused call fails the sample at once instead of after the reaction timeout.
 */
function failureOf(call: Promise<Settled>, what: string): Promise<never> {
  return call.then((result) =>
    'error' in result
      ? Promise.reject(new Error(`${what} failed: ${messageOf(result.error)}`))
      : new Promise<never>(() => undefined),
  );
}

/** The call's round trip in ms (call start -> response). */
async function roundTripMs(call: Promise<Settled>, startedAt: number, what: string): Promise<number> {
  const result = await call;
  if ('error' in result) throw new Error(`${what} failed: ${messageOf(result.error)}`);
  return result.at - startedAt;
}

/**
 * A failed sample must not leave its run behind (a 16 s stream or a 60 s approval wait would
 * load the next samples): cancel it and stop listening. Best effort: the sample already failed.
 */
async function abandon(run: TracedRun, operator: PalyraClient): Promise<void> {
  if (!run.trace.events.some((item) => isTerminalStatus(item.event))) {
    await operator.abortRun(run.handle.runId, 'bench: abandoned sample').catch(() => undefined);
  }
  run.handle.detach();
}

/** Sample `index` streams on gateway index % 2; its cancel or decision goes through the other. */
function sides(
  gateways: readonly [GatewayClients, GatewayClients],
  index: number,
): { readonly stream: GatewayClients; readonly control: GatewayClients } {
  const [first, second] = gateways;
  return index % 2 === 0 ? { stream: first, control: second } : { stream: second, control: first };
}

const CANCEL_POINTS: Readonly<Record<'cancelStream' | 'cancelSleep', CancelPoint>> = {
  cancelStream: 'model_stream',
  cancelSleep: 'tool',
};

async function cancelOnce(
  gateways: readonly [GatewayClients, GatewayClients],
  scenario: 'cancelStream' | 'cancelSleep',
  sessionKey: string,
  index: number,
  details: SampleDetails,
): Promise<number> {
  const { stream, control } = sides(gateways, index);
  const point = CANCEL_POINTS[scenario];
  const run = openTracedRun(stream.user, sessionKey, point === 'model_stream' ? STREAM_INPUT : SLEEP_INPUT);
  try {
    if (point === 'model_stream') {
      await run.trace.waitFor((event) => event.type === 'token', START_TIMEOUT_MS, 'first model token');
    } else {
      const decision = await run.trace.waitFor(
        (event) => event.type === 'tool_decision',
        START_TIMEOUT_MS,
        'tool_decision for palyra.sleep',
      );
      if (decision.event.type === 'tool_decision' && decision.event.decision !== 'ALLOW') {
        throw new Error(`palyra.sleep was not allowed: ${decision.event.reason}`);
      }
    }
    const requestedAt = performance.now();
    const answered = settledAt(control.operator.abortRun(run.handle.runId, CANCEL_REASON));
    await Promise.race([
      run.trace.waitFor(isTerminalStatus, REACTION_TIMEOUT_MS, 'terminal status after AbortRun'),
      failureOf(answered, 'AbortRun'),
    ]);
    const callMs = await roundTripMs(answered, requestedAt, 'AbortRun');
    await run.handle.done;
    const sample = cancelSample(run.trace.events, requestedAt, point);
    details.controlCallMs.push(callMs);
    if (point === 'model_stream') details.tokensAfterCancel.push(sample.tokensAfterRequest);
    if (sample.toolFinished) details.toolsFinished += 1;
    return sample.latencyMs;
  } catch (error) {
    await abandon(run, control.operator);
    throw error;
  }
}

async function approveOnce(
  gateways: readonly [GatewayClients, GatewayClients],
  scenario: 'approvalDecide' | 'approvalInStream',
  sessionKey: string,
  index: number,
  details: SampleDetails,
): Promise<number> {
  const { stream, control } = sides(gateways, index);
  const run = openTracedRun(stream.user, sessionKey, APPROVAL_INPUT);
  // The tool turn does not await input; the answer after the tool result does: then DONE.
  run.handle.halfCloseWhenAwaitingInput({ fallbackSettleMs: false });
  try {
    const requested = await run.trace.waitFor(
      (event) => event.type === 'tool_approval_request',
      START_TIMEOUT_MS,
      'tool_approval_request for palyra.echo',
    );
    const request = requested.event;
    if (request.type !== 'tool_approval_request') throw new Error('not an approval request');
    const echoed = (event: RunEvent): boolean =>
      event.type === 'tool_approval_response' && event.proposalId === request.proposalId;
    const decidedAt = performance.now();
    if (scenario === 'approvalDecide') {
      const answered = settledAt(
        control.approvals.decide(request.approvalId, true, 'bench: approval latency'),
      );
      await Promise.race([
        run.trace.waitFor(echoed, REACTION_TIMEOUT_MS, 'tool_approval_response echo after DecideApproval'),
        failureOf(answered, 'DecideApproval'),
      ]);
      details.controlCallMs.push(await roundTripMs(answered, decidedAt, 'DecideApproval'));
    } else {
      run.handle.approve(request.proposalId, request.approvalId, true, 'ONCE', 'bench: approval latency');
      await run.trace.waitFor(
        echoed,
        REACTION_TIMEOUT_MS,
        'tool_approval_response echo after the in-stream answer',
      );
    }
    await run.trace.waitFor(isTerminalStatus, FINISH_TIMEOUT_MS, 'the approved run to finish');
    const outcome = await run.handle.done;
    const latencyMs = approvalResumeMs(run.trace.events, decidedAt, request.proposalId);
    checkApprovedRun(run.trace.events, request.proposalId, outcome);
    return latencyMs;
  } catch (error) {
    await abandon(run, control.operator);
    throw error;
  }
}

/** One sample of `scenario`: opens a run in its own session and returns the latency in ms. */
export function runScenarioSample(
  gateways: readonly [GatewayClients, GatewayClients],
  scenario: AgentScenario,
  sessionKey: string,
  index: number,
  details: SampleDetails,
): Promise<number> {
  switch (scenario) {
    case 'cancelStream':
    case 'cancelSleep':
      return cancelOnce(gateways, scenario, sessionKey, index, details);
    case 'approvalDecide':
    case 'approvalInStream':
      return approveOnce(gateways, scenario, sessionKey, index, details);
  }
}
