import type { CallerContext } from '@palyra/auth';
import type { Bus } from '@palyra/bus';
import {
  isPalyraError,
  type MessageReceivedPayload,
  newId,
  PalyraError,
  type RunEventRecord,
  type RunStatusPayload,
} from '@palyra/core';
import type { NewJournalEvent, Repositories, RunRecord } from '@palyra/journal';
import { toRunEventRecord } from '@palyra/journal';
import type { Logger } from '@palyra/telemetry';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { identityOf } from '../sessions/session-lookup.js';

export const RUN_IN_ANOTHER_SESSION_MESSAGE = 'run belongs to another session';

/** The ACCEPTED status message of a run (seq 1), as Palyra clients expect it. */
export function acceptedMessage(sessionId: string, principal: string): string {
  return `accepted session=${sessionId} principal=${principal}`;
}

export function runInAnotherSession(): PalyraError {
  return new PalyraError('FAILED_PRECONDITION', RUN_IN_ANOTHER_SESSION_MESSAGE);
}

/** What admission needs from the gateway (RunStreamContext and the console context satisfy it). */
export interface RunAdmissionDeps {
  readonly repositories: Pick<Repositories, 'runs'>;
  readonly bus: Pick<Bus, 'runEvents' | 'runQueue'>;
  readonly metrics: Pick<GatewayMetrics, 'runAdmitted'>;
  readonly logger: Logger;
}

export interface RunAdmissionRequest {
  readonly runId: string;
  /** Already resolved, and the caller's. */
  readonly sessionId: string;
  readonly input: MessageReceivedPayload | undefined;
}

export type RunAdmission =
  | { readonly run: RunRecord; readonly created: false }
  | { readonly run: RunRecord; readonly created: true; readonly accepted: RunEventRecord };

/**
 * Admission, durable first: the run (accepted), its input and ACCEPTED at seq 1 in one
 * transaction, then ACCEPTED on the live feed, then the RunQueue. An existing run (a retried
 * first message) is returned as it is, with nothing journaled. Shared by RunStream and
 * `POST /console/v1/sessions/{session_id}/messages`, so both start runs exactly alike.
 */
export async function admitRun(
  deps: RunAdmissionDeps,
  caller: CallerContext,
  request: RunAdmissionRequest,
): Promise<RunAdmission> {
  const { repositories, bus, metrics, logger } = deps;
  const { runId, sessionId, input } = request;
  const tenantId = caller.tenantId;
  const status: RunStatusPayload = {
    status: 'ACCEPTED',
    message: acceptedMessage(sessionId, caller.principal),
  };
  const events: NewJournalEvent[] = [];
  if (input !== undefined) {
    events.push({ eventId: newId(), runId, kind: 'message_received', actor: 'user', payload: input });
  }
  events.push({ eventId: newId(), runId, runSeq: 1, kind: 'run_status', actor: 'system', payload: status });
  let admitted: Awaited<ReturnType<Repositories['runs']['createWithEvents']>>;
  try {
    admitted = await repositories.runs.createWithEvents(
      tenantId,
      { runId, sessionId, ...identityOf(caller), state: 'accepted' },
      events,
    );
  } catch (error) {
    // The run id exists in another session (or, invisibly, in another tenant).
    if (isPalyraError(error) && error.code === 'ALREADY_EXISTS') throw runInAnotherSession();
    throw error;
  }
  const stored = admitted.events.at(-1);
  if (!admitted.created || stored === undefined) return { run: admitted.run, created: false };
  const accepted = toRunEventRecord(stored);
  bus.runEvents.publish(tenantId, runId, [accepted]);
  await bus.runQueue.enqueue({ tenantId, sessionId, runId });
  metrics.runAdmitted();
  logger.info({ tenantId, runId, sessionId }, 'run admitted');
  return { run: admitted.run, created: true, accepted };
}
