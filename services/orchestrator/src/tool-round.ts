import type { RunJob } from '@palyra/bus';
import {
  type ApprovalDecisionScope,
  newId,
  type ToolApprovalRequestedPayload,
  type ToolApprovalRespondedPayload,
  type ToolAttestedPayload,
  type ToolDecidedPayload,
  type ToolExecutedPayload,
  type ToolProposedPayload,
} from '@palyra/core';
import type { ApprovalRecord, ApprovalRepository, RunRecord } from '@palyra/journal';
import { isAbortError } from '@palyra/providers';
import {
  approvalPrompt,
  attestationSha256,
  attestedInputJson,
  executeTool,
  type PolicyDecision,
  type ToolContext,
  type ToolExecution,
  type ToolPolicy,
  type ToolRegistry,
  type ToolSettings,
} from '@palyra/tools';
import type { EventWriter } from './event-writer.js';
import type { RunOutcome } from './metrics.js';
import type { RunFailedPayload } from './run-failure.js';
import { toolCallLimitPayload } from './run-failure.js';
import type { RunProgress, ToolCallState, TurnState } from './run-state.js';

/** Recorded as the attestation's executor. */
export const TOOL_EXECUTOR = 'palyra.orchestrator';
const SYSTEM = 'system';

/** What a tool round needs from the run execution that owns it. */
export interface ToolRoundHost {
  readonly job: RunJob;
  readonly approvals: ApprovalRepository;
  readonly tools: ToolRegistry;
  readonly toolSettings: ToolSettings;
  readonly policy: ToolPolicy;
  readonly writer: EventWriter;
  readonly progress: RunProgress;
  /** The run row as last read (identity, cancel flag, half-close). */
  run(): RunRecord;
  /** True when the round must stop now (cancel, wall clock, shutdown); the run loop handles it. */
  interrupted(): boolean;
  /** The run must be handed to another worker (draining while waiting). */
  handingOff(): boolean;
  /**
   * Waits for a control message or `ms`, and re-reads durable state if something arrived. Returns
   * an outcome when the run ended meanwhile.
   */
  wait(ms: number): Promise<RunOutcome | undefined>;
  /** A controller whose abort (cancel, wall clock, shutdown) stops the tool in flight. */
  abortController(): AbortController;
  releaseAbortController(controller: AbortController): void;
  fail(payload: RunFailedPayload): Promise<RunOutcome>;
  handOff(): Promise<RunOutcome>;
  readSessionHistory: ToolContext['readSessionHistory'];
  readonly pollMs: number;
  /** Approval ids whose request this delivery has written (shown once per delivery). */
  readonly shownApprovals: Set<string>;
}

/**
 * The tools one model turn asked for, as the protocol sheet orders them: per call `tool_proposed`,
 * the approval request and its answer when policy asks, and `tool_decided`; after every decision,
 * per call in proposal order `tool_executed` and `tool_attested` (denied calls too). Everything
 * is derived from the journal (`ToolCallState`), so a redelivered run continues where the last
 * delivery stopped: an undecided approval is shown again and waited for, a decided call that has no
 * result runs (tools are at-least-once across worker crashes).
 */
export class ToolRound {
  readonly #host: ToolRoundHost;

  constructor(host: ToolRoundHost) {
    this.#host = host;
  }

  /** Returns an outcome when the run ended; undefined to continue the run loop. */
  async run(turn: TurnState): Promise<RunOutcome | undefined> {
    for (const call of turn.toolCalls) {
      if (call.decision !== undefined) continue;
      const ended = await this.#decide(turn, call);
      if (ended !== undefined || this.#host.interrupted() || call.decision === undefined) return ended;
    }
    for (const call of turn.toolCalls) {
      if (call.attested) continue;
      const ended = await this.#execute(call);
      if (ended !== undefined || this.#host.interrupted()) return ended;
    }
    return undefined;
  }

  async #decide(turn: TurnState, call: ToolCallState): Promise<RunOutcome | undefined> {
    const { policy, progress, writer, toolSettings } = this.#host;
    const evaluation = policy.evaluate({ name: call.toolName, argumentsJson: call.argumentsJson });
    if (call.proposalId === undefined) {
      if (progress.proposedToolCalls >= toolSettings.maxCallsPerRun) {
        return this.#host.fail(toolCallLimitPayload(toolSettings.maxCallsPerRun));
      }
      const asks = evaluation.kind === 'ask' && (await this.#grant(call)) === undefined;
      const proposalId = newId();
      const proposal: ToolProposedPayload = {
        proposal_id: proposalId,
        tool_name: call.toolName,
        input_json: call.argumentsJson,
        approval_required: asks,
        turn: turn.turn,
        call_id: call.callId,
      };
      writer.event('tool_proposed', 'agent', proposal);
      progress.noteProposed(call, proposalId, asks);
    }
    if (!call.approvalRequired) {
      this.#writeDecision(call, await this.#decisionWithoutAsking(call, evaluation));
      return undefined;
    }
    return this.#awaitApproval(call, evaluation);
  }

  /** A call that needs no approval now: policy's decision, or a remembered grant for an `ask`. */
  async #decisionWithoutAsking(
    call: ToolCallState,
    evaluation: PolicyDecision,
  ): Promise<{ kind: 'ALLOW' | 'DENY'; reason: string; approvalRequired: boolean }> {
    if (evaluation.kind === 'deny')
      return { kind: 'DENY', reason: evaluation.reason, approvalRequired: false };
    if (evaluation.kind === 'allow')
      return { kind: 'ALLOW', reason: evaluation.reason, approvalRequired: false };
    const grant = await this.#grant(call);
    if (grant === undefined) {
      // Proposed as covered by a grant that has expired since (a redelivered run): never run unasked.
      return {
        kind: 'DENY',
        reason: 'approval required and the earlier grant has expired',
        approvalRequired: true,
      };
    }
    const scope = grant.scope === 'session' ? 'for this session' : 'for a while';
    return {
      kind: 'ALLOW',
      reason: `allowed by approval ${grant.approvalId} (${scope})`,
      approvalRequired: true,
    };
  }

  async #grant(
    call: ToolCallState,
  ): Promise<{ approvalId: string; scope: 'session' | 'timeboxed' } | undefined> {
    const { tenantId, sessionId } = this.#host.job;
    const grant = await this.#host.approvals.findGrant(tenantId, sessionId, call.toolName);
    return grant === null ? undefined : { approvalId: grant.approvalId, scope: grant.scope };
  }

  async #awaitApproval(call: ToolCallState, evaluation: PolicyDecision): Promise<RunOutcome | undefined> {
    const host = this.#host;
    const { writer } = host;
    const approval = await this.#approvalRecord(call, evaluation);
    if (approval.decision === null) {
      await writer.flush();
      const decided = await this.#waitForDecision(approval);
      if (decided === undefined || 'outcome' in decided) return decided?.outcome;
      this.#writeApprovalAnswer(call, decided.approval);
    } else {
      if (call.approvalResponse === undefined) this.#writeApprovalAnswer(call, approval);
    }
    return undefined;
  }

  /** The approval for the call: created and shown once, shown again by a redelivered run. */
  async #approvalRecord(call: ToolCallState, evaluation: PolicyDecision): Promise<ApprovalRecord> {
    const host = this.#host;
    const { tenantId, sessionId, runId } = host.job;
    const proposalId = call.proposalId as string;
    const shown = call.approvalRequest;
    if (shown !== undefined) {
      const existing = await host.approvals.get(tenantId, shown.approvalId);
      if (existing === null) throw new Error(`approval ${shown.approvalId} is journaled but not stored`);
      if (existing.decision === null && !host.shownApprovals.has(shown.approvalId)) {
        host.writer.event('tool_approval_requested', SYSTEM, shown.payload);
        host.shownApprovals.add(shown.approvalId);
      }
      return existing;
    }
    const ask: Extract<PolicyDecision, { kind: 'ask' }> =
      evaluation.kind === 'ask'
        ? evaluation
        : { kind: 'ask', reason: 'approval required', input: undefined, riskLevel: 'HIGH' };
    const timeoutMs = host.toolSettings.approvalTimeoutMs;
    const { prompt, requestSummary } = approvalPrompt(
      host.tools.get(call.toolName),
      { name: call.toolName, argumentsJson: call.argumentsJson },
      ask,
      timeoutMs,
    );
    const run = host.run();
    const requestedAt = new Date();
    // Idempotent on (run, proposal): a delivery that died before journaling the request finds it.
    const { approval } = await host.approvals.create(tenantId, {
      approvalId: newId(),
      sessionId,
      runId,
      proposalId,
      principal: run.principal,
      deviceId: run.deviceId,
      channel: run.channel,
      subjectType: 'tool',
      subjectId: call.toolName,
      requestSummary,
      prompt,
      policyId: host.policy.policyId,
      policyHash: host.policy.policyHash,
      policySummary: host.policy.summary(),
      requestedAt,
      expiresAt: new Date(requestedAt.getTime() + timeoutMs),
    });
    const payload: ToolApprovalRequestedPayload = {
      proposal_id: proposalId,
      approval_id: approval.approvalId,
      tool_name: call.toolName,
      input_json: call.argumentsJson,
      approval_required: true,
      request_summary: approval.requestSummary,
      prompt,
      expires_at_unix_ms: approval.expiresAt.getTime(),
    };
    call.approvalRequest = { approvalId: approval.approvalId, payload };
    if (approval.decision === null) {
      host.writer.event('tool_approval_requested', SYSTEM, payload);
      host.shownApprovals.add(approval.approvalId);
    }
    return approval;
  }

  /**
   * Waits for someone to decide: the client in-stream or anyone through ApprovalsService, on any
   * replica (a Control message wakes this worker; polling covers a lost one). The timeout and a
   * half-close after the request was shown decide `deny` here; the first decision stored wins.
   */
  async #waitForDecision(
    pending: ApprovalRecord,
  ): Promise<{ approval: ApprovalRecord } | { outcome: RunOutcome | undefined } | undefined> {
    const host = this.#host;
    const { tenantId } = host.job;
    let pollMs = host.pollMs;
    for (;;) {
      if (host.interrupted()) return undefined;
      if (host.handingOff()) return { outcome: await host.handOff() };
      const current = (await host.approvals.get(tenantId, pending.approvalId)) ?? pending;
      if (current.decision !== null) return { approval: current };
      const now = Date.now();
      const closedAt = host.run().inputClosedAt;
      if (now >= current.expiresAt.getTime()) {
        const seconds = Math.round(host.toolSettings.approvalTimeoutMs / 1000);
        return {
          approval: await this.#decideBySystem(current, 'timeout', `approval timed out after ${seconds} s`),
        };
      }
      if (closedAt !== null && closedAt.getTime() >= current.requestedAt.getTime()) {
        return {
          approval: await this.#decideBySystem(
            current,
            'deny',
            'the client half-closed the stream without answering',
          ),
        };
      }
      const ended = await host.wait(Math.min(pollMs, current.expiresAt.getTime() - now));
      if (ended !== undefined) return { outcome: ended };
      pollMs = Math.min(pollMs * 2, 2_000);
    }
  }

  async #decideBySystem(
    approval: ApprovalRecord,
    decision: 'timeout' | 'deny',
    reason: string,
  ): Promise<ApprovalRecord> {
    const { approvals, job } = this.#host;
    const result = await approvals.decide(job.tenantId, approval.approvalId, {
      decision,
      scope: 'once',
      reason,
      decidedBy: SYSTEM,
    });
    return result.approval;
  }

  /** The answer's echo and the decision it makes. */
  #writeApprovalAnswer(call: ToolCallState, approval: ApprovalRecord): void {
    const approved = approval.decision === 'allow';
    const scope: ApprovalDecisionScope =
      approval.decisionScope === 'session'
        ? 'SESSION'
        : approval.decisionScope === 'timeboxed'
          ? 'TIMEBOXED'
          : 'ONCE';
    const reason =
      approval.decisionReason !== ''
        ? approval.decisionReason
        : approved
          ? `approved by ${approval.decidedBy}`
          : `denied by ${approval.decidedBy}`;
    const response: ToolApprovalRespondedPayload = {
      proposal_id: call.proposalId as string,
      approval_id: approval.approvalId,
      approved,
      reason,
      decision_scope: scope,
      decision_scope_ttl_ms: approval.decisionScopeTtlMs,
      decided_by: approval.decidedBy,
    };
    this.#host.writer.event(
      'tool_approval_responded',
      approval.decidedBy === SYSTEM ? SYSTEM : 'user',
      response,
    );
    call.approvalResponse = { approved, reason };
    this.#writeDecision(call, { kind: approved ? 'ALLOW' : 'DENY', reason, approvalRequired: true });
  }

  #writeDecision(
    call: ToolCallState,
    decision: { kind: 'ALLOW' | 'DENY'; reason: string; approvalRequired: boolean },
  ): void {
    const payload: ToolDecidedPayload = {
      proposal_id: call.proposalId as string,
      kind: decision.kind,
      reason: decision.reason,
      approval_required: decision.approvalRequired,
      policy_enforced: true,
    };
    this.#host.writer.event('tool_decided', SYSTEM, payload);
    call.decision = { kind: decision.kind, reason: decision.reason };
  }

  /** Runs an allowed call (or records why a denied one did not run), then attests it. */
  async #execute(call: ToolCallState): Promise<RunOutcome | undefined> {
    const host = this.#host;
    const proposalId = call.proposalId as string;
    let execution: Omit<ToolExecution, 'executionSha256'>;
    let sha256: string;
    if (call.result !== undefined || call.decision?.kind !== 'ALLOW') {
      // Denied, or executed by an earlier delivery that died before attesting (attest what was
      // journaled): nothing runs now.
      const at = Date.now();
      execution = call.result
        ? { ...call.result, timedOut: false, startedAtMs: at, finishedAtMs: at }
        : {
            success: false,
            outputJson: '',
            error: `denied: ${call.decision?.reason ?? 'not decided'}`,
            timedOut: false,
            startedAtMs: at,
            finishedAtMs: at,
          };
      sha256 = attestationSha256({
        toolName: call.toolName,
        inputJson: attestedInputJson(call.argumentsJson),
        ...execution,
      });
    } else {
      const evaluation = host.policy.evaluate({ name: call.toolName, argumentsJson: call.argumentsJson });
      const input = evaluation.kind === 'deny' ? safeParse(call.argumentsJson) : evaluation.input;
      const controller = host.abortController();
      try {
        const result = await executeTool(
          host.tools,
          call.toolName,
          input,
          this.#context(controller.signal),
          host.toolSettings.callTimeoutMs,
        );
        execution = result;
        sha256 = result.executionSha256;
      } catch (error) {
        if (controller.signal.aborted || isAbortError(error)) return undefined; // cancel, wall clock or shutdown
        throw error;
      } finally {
        host.releaseAbortController(controller);
      }
    }
    if (call.result === undefined) {
      const result: ToolExecutedPayload = {
        proposal_id: proposalId,
        success: execution.success,
        output_json: execution.outputJson,
        error: execution.error,
      };
      host.writer.event('tool_executed', 'plugin', result);
      call.result = { success: execution.success, outputJson: execution.outputJson, error: execution.error };
    }
    const attestation: ToolAttestedPayload = {
      proposal_id: proposalId,
      attestation_id: newId(),
      execution_sha256: sha256,
      executed_at_unix_ms: execution.startedAtMs,
      finished_at_unix_ms: execution.finishedAtMs,
      timed_out: execution.timedOut,
      executor: TOOL_EXECUTOR,
    };
    host.writer.event('tool_attested', SYSTEM, attestation);
    call.attested = true;
    return undefined;
  }

  #context(signal: AbortSignal): ToolContext {
    const { job } = this.#host;
    return {
      tenantId: job.tenantId,
      sessionId: job.sessionId,
      runId: job.runId,
      principal: this.#host.run().principal,
      signal,
      readSessionHistory: this.#host.readSessionHistory,
    };
  }
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
