import type { StoredJournalEvent } from '@palyra/journal';
import type { ModelMessage } from '@palyra/providers';
import { type ConversationMessage, RunProgress } from './run-state.js';

/** How many messages of history (previous runs and turns) the model sees at most. */
export const CONTEXT_MAX_MESSAGES = 20;

/**
 * The conversation in a stretch of a session's chain (events in chain order): per run, in order of
 * appearance, each input followed by the final text of its answer. Answers are only taken for
 * inputs inside the stretch, so a stretch that starts mid-answer never yields a truncated answer.
 */
export function conversationFromSessionEvents(events: readonly StoredJournalEvent[]): ConversationMessage[] {
  const byRun = new Map<string, { stream: StoredJournalEvent[]; inputs: StoredJournalEvent[] }>();
  for (const event of events) {
    if (event.runId === null) continue;
    let run = byRun.get(event.runId);
    if (run === undefined) {
      run = { stream: [], inputs: [] };
      byRun.set(event.runId, run);
    }
    if (event.runSeq === null) run.inputs.push(event);
    else run.stream.push(event);
  }
  const messages: ConversationMessage[] = [];
  for (const run of byRun.values()) {
    run.stream.sort((a, b) => (a.runSeq ?? 0) - (b.runSeq ?? 0));
    messages.push(...RunProgress.fromJournal(run.stream, run.inputs).transcript());
  }
  return messages;
}

/**
 * The run's own messages whole (a tool result must follow the call that asked for it), preceded
 * by as much of the history as fits in `max` messages, oldest first.
 */
export function boundedContext(
  history: readonly ConversationMessage[],
  run: readonly ModelMessage[],
  max: number = CONTEXT_MAX_MESSAGES,
): ModelMessage[] {
  const room = Math.max(0, max - run.length);
  if (room === 0 || history.length === 0) return [...run];
  return [...history.slice(Math.max(0, history.length - room)), ...run];
}
