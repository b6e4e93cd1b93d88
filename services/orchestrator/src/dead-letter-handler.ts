import type { DeadLetter, RunEvents } from '@palyra/bus';
import { isPalyraError, isTerminalRunState, isTerminalStreamKind } from '@palyra/core';
import type { JournalStore, RunRecord, RunRepository } from '@palyra/journal';
import type { Logger } from '@palyra/telemetry';
import { EventWriter } from './event-writer.js';
import { deadLetteredPayload } from './run-failure.js';

export interface DeadLetterHandlerDeps {
  readonly runs: RunRepository;
  readonly journal: JournalStore;
  readonly runEvents: RunEvents;
  readonly logger: Logger;
}

/**
 * A run whose job was dead-lettered (max deliveries exhausted, e.g. workers dying on it) will not
 * be executed again; without this its client would wait forever. So: journal `run_failed` after
 * the run's last event and move it to failed. Unknown runs and finished runs are left alone. A
 * throw redelivers the letter later.
 */
export function createDeadLetterHandler(deps: DeadLetterHandlerDeps): (letter: DeadLetter) => Promise<void> {
  const { runs, journal, runEvents, logger } = deps;
  return async (letter) => {
    const { tenantId, sessionId, runId } = letter.job;
    let run: RunRecord | null;
    try {
      run = await runs.get(tenantId, runId);
    } catch (error) {
      if (isPalyraError(error) && !error.retryable) return; // a malformed job: nothing to fail
      throw error;
    }
    if (run === null || run.sessionId !== sessionId || isTerminalRunState(run.state)) return;
    const fields = { tenantId, sessionId, runId, reason: letter.reason, deliveryCount: letter.deliveryCount };
    // The terminal event, when journaled, is the run's last: only the transition is missing.
    const [last] = await journal.readRunEvents(tenantId, runId, Math.max(0, run.lastSeq - 1), { limit: 1 });
    if (last === undefined || !isTerminalStreamKind(last.kind)) {
      const writer = new EventWriter({
        journal,
        runEvents,
        tenantId,
        sessionId,
        runId,
        nextSeq: run.lastSeq + 1,
        batchMaxEvents: 1,
        batchMaxDelayMs: 0,
        logger,
      });
      const payload = deadLetteredPayload(letter.deliveryCount);
      writer.end('run_failed', payload);
      try {
        await writer.flush();
      } finally {
        writer.dispose();
      }
      await runs.transition(tenantId, runId, 'failed', { failureReason: payload.message });
      logger.warn(fields, 'dead-lettered run failed');
      return;
    }
    const reason = (last.payload as { reason?: unknown }).reason;
    const state = last.kind === 'run_completed' ? 'done' : reason === 'cancelled' ? 'cancelled' : 'failed';
    if (state === 'done' && run.state === 'accepted') await runs.transition(tenantId, runId, 'in_progress');
    await runs.transition(tenantId, runId, state);
    logger.info(fields, 'dead-lettered run had ended; state updated');
  };
}
