import { newId } from '@palyra/core';
import type { JournalStore, StoredJournalEvent } from '@palyra/journal';
import type { ToolApprovalResponse__Output } from '@palyra/proto';
import { ulidOf } from '../validation.js';
import type { RunSignalDeps } from './run-signals.js';

const PAGE = 500;

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The run's approval request for `proposalId` that has no response echo yet, read from the
 * journal (approval requests and their echoes are stream events). Tool approvals as a whole come
 * with the tools work; until then this only decides whether a client's response is acceptable.
 */
export async function findPendingApproval(
  journal: JournalStore,
  run: { readonly tenantId: string; readonly runId: string },
  proposalId: string,
): Promise<StoredJournalEvent | undefined> {
  let pending: StoredJournalEvent | undefined;
  let after = 0;
  for (;;) {
    const page = await journal.readRunEvents(run.tenantId, run.runId, after, { limit: PAGE });
    for (const event of page) {
      if (field(event.payload, 'proposal_id') !== proposalId) continue;
      if (event.kind === 'tool_approval_requested') pending = event;
      else if (event.kind === 'tool_approval_responded') pending = undefined;
    }
    const last = page.at(-1);
    if (page.length < PAGE || last?.runSeq == null) return pending;
    after = last.runSeq;
  }
}

/**
 * Journals the client's answer as a run signal (no seq: the worker writes the echo) and wakes the
 * worker, durable first like every other signal.
 */
export async function recordApprovalResponse(
  deps: RunSignalDeps,
  run: { readonly tenantId: string; readonly runId: string; readonly sessionId: string },
  response: ToolApprovalResponse__Output,
  request: StoredJournalEvent,
): Promise<void> {
  const approvalId = ulidOf(response.approval_id) || String(field(request.payload, 'approval_id') ?? '');
  await deps.journal.append(run.tenantId, run.sessionId, [
    {
      eventId: newId(),
      runId: run.runId,
      kind: 'client_event',
      actor: 'user',
      payload: {
        type: 'tool_approval_response',
        proposal_id: ulidOf(response.proposal_id),
        approval_id: approvalId,
        approved: response.approved,
        reason: response.reason,
        decision_scope: response.decision_scope.replace('APPROVAL_DECISION_SCOPE_', ''),
        decision_scope_ttl_ms: response.decision_scope_ttl_ms,
      },
    },
  ]);
  deps.control.notify(run.tenantId, run.runId, { type: 'approval', approvalId });
}
