import type { CallerContext } from '@palyra/auth';
import { invalidArgument, isPalyraError, requireUlid } from '@palyra/core';
import type { ApprovalRepository, ApprovalScopeValue } from '@palyra/journal';
import type { ToolApprovalResponse__Output } from '@palyra/proto';
import type { ApprovalOperations } from '../approvals/approval-operations.js';
import { ulidOf } from '../validation.js';

export const NO_PENDING_APPROVAL_MESSAGE = 'no tool approval is pending for this proposal';
export const APPROVAL_PENDING_MESSAGE =
  'a tool approval is pending; answer it with tool_approval_response before sending more input';

const SCOPE_OF: Readonly<Record<string, ApprovalScopeValue>> = {
  APPROVAL_DECISION_SCOPE_UNSPECIFIED: 'once',
  APPROVAL_DECISION_SCOPE_ONCE: 'once',
  APPROVAL_DECISION_SCOPE_SESSION: 'session',
  APPROVAL_DECISION_SCOPE_TIMEBOXED: 'timeboxed',
};

/**
 * A client's in-stream `tool_approval_response`: found by the run and proposal id, then decided
 * exactly as ApprovalsService.DecideApproval decides (first decision wins, on any replica), which
 * also wakes the worker. The worker journals the echo the client then sees.
 */
export async function answerApprovalInStream(
  operations: ApprovalOperations,
  approvals: Pick<ApprovalRepository, 'getByProposal'>,
  caller: CallerContext,
  run: { readonly tenantId: string; readonly runId: string },
  response: ToolApprovalResponse__Output,
): Promise<void> {
  const proposalId = requireUlid(ulidOf(response.proposal_id), 'tool_approval_response.proposal_id');
  const approval = await approvals.getByProposal(run.tenantId, run.runId, proposalId);
  if (approval === null) throw invalidArgument('tool_approval_response', NO_PENDING_APPROVAL_MESSAGE);
  const approvalId = ulidOf(response.approval_id);
  if (approvalId !== '' && approvalId !== approval.approvalId) {
    throw invalidArgument('tool_approval_response.approval_id', 'approval_id does not match the proposal');
  }
  // Decided meanwhile (elsewhere, or by the timeout): the stream shows the echo of the decision
  // that won; a late answer is not an error that should end the client's stream.
  if (approval.decision !== null) return;
  try {
    await operations.decide(caller, approval.approvalId, {
      approved: response.approved,
      reason: response.reason,
      scope: SCOPE_OF[response.decision_scope] ?? 'once',
      scopeTtlMs: Number(response.decision_scope_ttl_ms),
    });
  } catch (error) {
    // Decided differently a moment ago, expired, or its run ended: the worker's echo (or the
    // run's end) tells the client what happened.
    if (!isPalyraError(error) || error.code !== 'FAILED_PRECONDITION') throw error;
  }
}

/** The sheet: a new `input` while an approval is pending is INVALID_ARGUMENT. */
export async function refuseInputWhileApprovalPending(
  approvals: Pick<ApprovalRepository, 'list'>,
  run: { readonly tenantId: string; readonly runId: string },
): Promise<void> {
  const pending = await approvals.list(run.tenantId, { runId: run.runId, decision: 'pending', limit: 1 });
  if (pending.items.length > 0) throw invalidArgument('input', APPROVAL_PENDING_MESSAGE);
}
