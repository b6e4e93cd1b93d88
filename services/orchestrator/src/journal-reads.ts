import { LIMITS } from '@palyra/core';
import type { JournalStore, RunRecord, RunRepository, StoredJournalEvent } from '@palyra/journal';
import { conversationFromSessionEvents } from './run-context.js';
import type { ConversationMessage } from './run-state.js';

const PAGE = LIMITS.pageSizeMax;

/** Every stream event of the run with seq > afterSeq, in seq order. */
export async function readAllRunEvents(
  journal: JournalStore,
  tenantId: string,
  runId: string,
  afterSeq = 0,
): Promise<StoredJournalEvent[]> {
  const events: StoredJournalEvent[] = [];
  let after = afterSeq;
  for (;;) {
    const page = await journal.readRunEvents(tenantId, runId, after, { limit: PAGE });
    events.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || last?.runSeq == null) return events;
    after = last.runSeq;
  }
}

/** Every input and signal of the run with chain seq > afterChainSeq, in chain order. */
export async function readAllRunInputs(
  journal: JournalStore,
  tenantId: string,
  runId: string,
  afterChainSeq = 0,
): Promise<StoredJournalEvent[]> {
  const events: StoredJournalEvent[] = [];
  let after = afterChainSeq;
  for (;;) {
    const page = await journal.readRunInputs(tenantId, runId, after, { limit: PAGE });
    events.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return events;
    after = last.chainSeq;
  }
}

/**
 * The run row, then every input with chain seq > afterChainSeq: one read of both (the inputs
 * include all committed before the row was read), further pages only past the first.
 */
export async function readRunWithInputs(
  runs: Pick<RunRepository, 'getWithInputs'>,
  journal: JournalStore,
  tenantId: string,
  runId: string,
  afterChainSeq = 0,
): Promise<{ run: RunRecord | null; inputs: StoredJournalEvent[] }> {
  const first = await runs.getWithInputs(tenantId, runId, afterChainSeq, { limit: PAGE });
  const last = first.inputs.at(-1);
  if (first.inputs.length < PAGE || last === undefined) return first;
  const rest = await readAllRunInputs(journal, tenantId, runId, last.chainSeq);
  return { run: first.run, inputs: [...first.inputs, ...rest] };
}

const FIRST_WINDOW_EVENTS = 256;
const MAX_WINDOW_EVENTS = 16_384;

/**
 * The session's conversation before chain seq `beforeChainSeq`, at least `maxMessages` of it when
 * there is that much. The journal reads forward only, so this reads a window of the chain just
 * before the run and widens it (x4) until it holds enough messages or reaches the start: cost
 * grows with the history needed, not with the session's length.
 */
export async function readSessionHistory(
  journal: JournalStore,
  tenantId: string,
  sessionId: string,
  beforeChainSeq: number,
  maxMessages: number,
): Promise<ConversationMessage[]> {
  const end = beforeChainSeq - 1;
  if (end <= 0 || maxMessages <= 0) return [];
  let window = FIRST_WINDOW_EVENTS;
  for (;;) {
    const start = Math.max(0, end - window);
    const events: StoredJournalEvent[] = [];
    let after = start;
    while (after < end) {
      const page = await journal.readSessionEvents(tenantId, sessionId, after, {
        limit: Math.min(PAGE, end - after),
      });
      for (const event of page) if (event.chainSeq <= end) events.push(event);
      const last = page.at(-1);
      if (last === undefined || page.length < Math.min(PAGE, end - after)) break;
      after = last.chainSeq;
    }
    const messages = conversationFromSessionEvents(events);
    if (messages.length >= maxMessages || start === 0 || window >= MAX_WINDOW_EVENTS) {
      return messages.slice(Math.max(0, messages.length - maxMessages));
    }
    window *= 4;
  }
}
