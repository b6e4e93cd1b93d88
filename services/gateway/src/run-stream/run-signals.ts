import type { Bus } from '@palyra/bus';
import {
  type CancelRequestedPayload,
  isTerminalRunState,
  type MessageReceivedPayload,
  newId,
} from '@palyra/core';
import type { JournalStore, RunRecord, RunRepository } from '@palyra/journal';

/**
 * What a client can tell a running run, from any gateway replica. Durable first (the runs row and
 * the journal), then a Control wake-up for whichever worker holds the run (docs/run-protocol.md).
 */
export interface RunSignalDeps {
  readonly runs: RunRepository;
  readonly journal: JournalStore;
  readonly control: Bus['control'];
}

/** Reason recorded for `/cancel` on a stream; also the run's final status message. */
export const CANCEL_BY_REQUEST_REASON = 'cancelled by request';
/** AbortRun's reason when the request gives none. */
export const DEFAULT_ABORT_REASON = 'grpc_abort_requested';

/** Sets the durable cancel flag, journals it once, and wakes the worker. Returns the run after. */
export async function requestRunCancel(
  deps: RunSignalDeps,
  run: RunRecord,
  reason: string,
  requestedBy: string,
): Promise<RunRecord> {
  const { tenantId, runId } = run;
  const updated = await deps.runs.requestCancel(tenantId, runId, { reason, requestedBy });
  if (isTerminalRunState(updated.state)) return updated;
  // The flag on the run row is the durable state the worker acts on, so it is woken right away:
  // the audit event below appends to the session's chain, whose lock the worker's own appends
  // hold at that moment (waiting for it first made cancels as slow as a busy run's writes).
  deps.control.notify(tenantId, runId, { type: 'cancel', reason, requestedBy });
  // First request wins: a repeated cancel is not journaled again, but the worker is still woken.
  if (!run.cancelRequested && updated.cancelRequested && updated.cancelRequestedBy === requestedBy) {
    const payload: CancelRequestedPayload = { reason, requested_by: requestedBy };
    await deps.journal.append(tenantId, run.sessionId, [
      { eventId: newId(), runId, kind: 'run_cancel_requested', actor: 'user', payload },
    ]);
  }
  return updated;
}

/** Journals one more client input for the run (no seq) and wakes the worker. */
export async function sendRunInput(
  deps: RunSignalDeps,
  run: Pick<RunRecord, 'tenantId' | 'runId' | 'sessionId'>,
  payload: MessageReceivedPayload,
): Promise<void> {
  const eventId = newId();
  await deps.journal.append(run.tenantId, run.sessionId, [
    { eventId, runId: run.runId, kind: 'message_received', actor: 'user', payload },
  ]);
  deps.control.notify(run.tenantId, run.runId, { type: 'input', eventId });
}

/** Records the client's half-close (first wins) and wakes the worker. */
export async function closeRunInput(
  deps: RunSignalDeps,
  run: Pick<RunRecord, 'tenantId' | 'runId'>,
): Promise<RunRecord> {
  const updated = await deps.runs.closeInput(run.tenantId, run.runId);
  if (!isTerminalRunState(updated.state))
    deps.control.notify(run.tenantId, run.runId, { type: 'half_close' });
  return updated;
}
