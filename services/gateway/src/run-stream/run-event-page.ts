import { LIMITS } from '@palyra/core';
import type { JournalStore, StoredJournalEvent } from '@palyra/journal';

export interface RunEventPage {
  /** Stream events with seq > afterSeq, in seq order. */
  readonly events: readonly StoredJournalEvent[];
  /** The seq to pass as `afterSeq` for the next page; 0 when this page is the last. */
  readonly nextAfterSeq: number;
}

/**
 * One page of a run's stream events from the journal (ListRunEvents and the console's events
 * route). `limit` must already be within 1..LIMITS.pageSizeMax.
 */
export async function readRunEventPage(
  journal: Pick<JournalStore, 'readRunEvents'>,
  tenantId: string,
  runId: string,
  afterSeq: number,
  limit: number,
): Promise<RunEventPage> {
  // One more than asked tells whether another page exists (within the store's maximum).
  const probe = Math.min(limit + 1, LIMITS.pageSizeMax);
  const read = await journal.readRunEvents(tenantId, runId, afterSeq, { limit: probe });
  const events = read.slice(0, limit);
  const last = events.at(-1);
  const more = read.length > limit || (probe === limit && read.length === limit);
  return { events, nextAfterSeq: more && last?.runSeq != null ? last.runSeq : 0 };
}
