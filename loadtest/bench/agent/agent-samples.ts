import type { RunEvent, RunOutcome, StatusEvent } from '@palyra/client';
import { CANCELLED_BY_REQUEST } from '@palyra/core';
import { type Figure, figure } from '../report.js';
import { summarize } from '../stats.js';
import type { TracedEvent } from './run-trace.js';

/** Issue 4: cancel from any replica and approval resume, each within 250 ms at p99. */
export const AGENT_LATENCY_TARGET_MS = 250;

export const AGENT_SCENARIOS = ['cancelStream', 'cancelSleep', 'approvalDecide', 'approvalInStream'] as const;
export type AgentScenario = (typeof AGENT_SCENARIOS)[number];

export const AGENT_SCENARIO_LABELS: Readonly<Record<AgentScenario, string>> = {
  cancelStream: 'cancel in a model stream (AbortRun, other gateway)',
  cancelSleep: 'cancel in palyra.sleep (AbortRun, other gateway)',
  approvalDecide: 'approval resume (DecideApproval, other gateway)',
  approvalInStream: 'approval resume (in-stream tool_approval_response)',
};

/** What a cancel interrupts: the model's answer while it streams, or a running tool. */
export type CancelPoint = 'model_stream' | 'tool';

export interface CancelSample {
  /** AbortRun call start -> FAILED status received on the run's stream. */
  readonly latencyMs: number;
  /** Token chunks received after AbortRun was called: what streamed while the cancel travelled. */
  readonly tokensAfterRequest: number;
  /** A tool result arrived between the request and FAILED: the tool ran to its end, uninterrupted. */
  readonly toolFinished: boolean;
}

/** The status events that end a run (DONE, FAILED). */
export function isTerminalStatus(event: RunEvent): event is StatusEvent {
  return event.type === 'status' && (event.kind === 'DONE' || event.kind === 'FAILED');
}

function terminalOf(
  trace: readonly TracedEvent[],
): { readonly at: number; readonly event: StatusEvent } | undefined {
  for (const item of trace) {
    if (isTerminalStatus(item.event)) return { at: item.at, event: item.event };
  }
  return undefined;
}

/**
 * One cancel sample from what the client saw, or an Error saying why the sample measures
 * something else than a cancel of a busy run (the run ended on its own, failed for another
 * reason, or had nothing in flight when the cancel was requested).
 */
export function cancelSample(
  trace: readonly TracedEvent[],
  requestedAt: number,
  point: CancelPoint,
): CancelSample {
  const terminal = terminalOf(trace);
  if (terminal === undefined) throw new Error('the run sent no terminal status after the cancel');
  if (terminal.at < requestedAt) {
    throw new Error(
      `the run ended ${terminal.event.kind} before the cancel was requested: ${terminal.event.message}`,
    );
  }
  if (terminal.event.kind !== 'FAILED') throw new Error('the run ended DONE although it was cancelled');
  if (terminal.event.message !== CANCELLED_BY_REQUEST) {
    throw new Error(`the run failed for another reason than the cancel: ${terminal.event.message}`);
  }
  const before = trace.filter((item) => item.at < requestedAt).map((item) => item.event);
  if (point === 'model_stream') {
    if (!before.some((event) => event.type === 'token')) {
      throw new Error('no model token had arrived before the cancel: the model stream had not started');
    }
    if (before.some((event) => event.type === 'token' && event.awaitingInput)) {
      throw new Error(
        'the answer was complete before the cancel, so no model stream was in flight ' +
          '(is PALYRA_DETERMINISTIC_TOKEN_DELAY_MS set on the orchestrator?)',
      );
    }
  } else {
    if (!before.some((event) => event.type === 'tool_decision' && event.decision === 'ALLOW')) {
      throw new Error('no tool was allowed to run before the cancel');
    }
    if (before.some((event) => event.type === 'tool_result')) {
      throw new Error('the tool had finished before the cancel, so none was in flight');
    }
  }
  const between = trace.filter((item) => item.at >= requestedAt && item.at <= terminal.at);
  return {
    latencyMs: terminal.at - requestedAt,
    tokensAfterRequest: between.filter((item) => item.event.type === 'token').length,
    toolFinished: between.some((item) => item.event.type === 'tool_result'),
  };
}

/**
 * Approval resume latency: decision sent -> the worker's `tool_approval_response` echo for the
 * proposal received on the run's stream (the worker journals the echo once it resumed).
 */
export function approvalResumeMs(
  trace: readonly TracedEvent[],
  decidedAt: number,
  proposalId: string,
): number {
  const echo = trace.find(
    (item) => item.event.type === 'tool_approval_response' && item.event.proposalId === proposalId,
  );
  if (echo === undefined || echo.event.type !== 'tool_approval_response') {
    throw new Error(`no tool_approval_response echo for proposal ${proposalId}`);
  }
  if (echo.at < decidedAt) throw new Error('the approval was answered before the bench decided it');
  if (!echo.event.approved) throw new Error(`the approval was denied: ${echo.event.reason}`);
  return echo.at - decidedAt;
}

/** After an approved run ended: the tool ran successfully and the run finished DONE. */
export function checkApprovedRun(
  trace: readonly TracedEvent[],
  proposalId: string,
  outcome: RunOutcome,
): void {
  if (outcome.status !== 'DONE')
    throw new Error(`the approved run ended ${outcome.status}: ${outcome.message}`);
  const result = trace.find(
    (item) => item.event.type === 'tool_result' && item.event.proposalId === proposalId,
  );
  if (result === undefined || result.event.type !== 'tool_result') {
    throw new Error('the approved tool sent no tool_result');
  }
  if (!result.event.success) throw new Error(`the approved tool failed: ${result.event.error}`);
}

export interface ScenarioResult {
  readonly scenario: AgentScenario;
  /** Latencies (ms) of the valid samples taken several at a time: the headline figures. */
  readonly samples: readonly number[];
  /** Latencies (ms) of the valid samples taken one at a time: the floor without self-made load. */
  readonly serialSamples: readonly number[];
  /** Failed samples of both loops. */
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

/**
 * p50/p95/p99 with the target on p99; the one-at-a-time p50 and p99 beside them, without a
 * target; and the failed samples (target 0: a sample that timed out or measured something else
 * is left out of the percentiles, so the count shows what they miss).
 */
export function scenarioFigures(result: ScenarioResult): Record<string, Figure> {
  const label = AGENT_SCENARIO_LABELS[result.scenario];
  const key = result.scenario;
  const figures: Record<string, Figure> = {};
  if (result.samples.length > 0) {
    const summary = summarize(result.samples);
    figures[`${key}P50`] = figure(`${label} p50`, summary.p50, 'ms');
    figures[`${key}P95`] = figure(`${label} p95`, summary.p95, 'ms');
    figures[`${key}P99`] = figure(`${label} p99`, summary.p99, 'ms', {
      comparison: '<=',
      value: AGENT_LATENCY_TARGET_MS,
    });
  }
  if (result.serialSamples.length > 0) {
    const serial = summarize(result.serialSamples);
    figures[`${key}SerialP50`] = figure(`${label} p50, 1 at a time`, serial.p50, 'ms');
    figures[`${key}SerialP99`] = figure(`${label} p99, 1 at a time`, serial.p99, 'ms');
  }
  figures[`${key}Failed`] = figure(`${label}: failed samples`, result.failures, 'samples', {
    comparison: '<=',
    value: 0,
  });
  return figures;
}
