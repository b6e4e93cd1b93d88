import { chainHash, GENESIS_HASH, PalyraError, requireUlid } from '@palyra/core';
import type { Database } from './database.js';
import { toNullableSafeInteger, toSafeInteger } from './db-values.js';
import { canonicalEventEnvelope } from './event-envelope.js';
import type { JournalEventRow } from './event-rows.js';
import type { ChainVerification } from './ports.js';
import { withTenant } from './tenant-scope.js';

const VERIFY_PAGE_SIZE = 500;

/**
 * Walks a session's chain in pages of VERIFY_PAGE_SIZE, recomputing every hash from the stored
 * bytes, up to the head recorded on the session when verification started (events appended
 * meanwhile are left for the next run). Returns the first broken chain_seq and why.
 */
export async function verifyChain(
  database: Database,
  tenantId: string,
  sessionId: string,
  pageSize = VERIFY_PAGE_SIZE,
): Promise<ChainVerification> {
  requireUlid(sessionId, 'session_id');
  const head = await withTenant(database, tenantId, (trx) =>
    trx
      .selectFrom('sessions')
      .select(['chain_length', 'chain_head_hash'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst(),
  );
  if (head === undefined) throw new PalyraError('NOT_FOUND', 'session not found', { details: { sessionId } });
  const length = toSafeInteger(head.chain_length);
  const broken = (brokenAtChainSeq: number, reason: string): ChainVerification => ({
    ok: false,
    length,
    brokenAtChainSeq,
    reason,
  });

  let prevHash = GENESIS_HASH;
  let verified = 0;
  while (verified < length) {
    const rows = await withTenant(database, tenantId, (trx) =>
      trx
        .selectFrom('journal_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .where('chain_seq', '>', verified)
        .where('chain_seq', '<=', length)
        .orderBy('chain_seq')
        .limit(pageSize)
        .execute(),
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const expected = verified + 1;
      const problem = checkLink(row, expected, prevHash);
      if (problem !== undefined) return broken(expected, problem);
      prevHash = row.hash;
      verified = expected;
    }
  }
  if (verified < length) {
    return broken(
      verified + 1,
      `missing events: the chain ends at ${verified} but the session head is at ${length}`,
    );
  }
  if (prevHash !== head.chain_head_hash)
    return broken(length, 'session head hash does not match the last event');
  return { ok: true, length, headHash: prevHash };
}

function checkLink(row: JournalEventRow, expectedSeq: number, prevHash: string): string | undefined {
  const chainSeq = toSafeInteger(row.chain_seq);
  if (chainSeq !== expectedSeq) return `gap in chain_seq: expected ${expectedSeq}, found ${chainSeq}`;
  if (row.prev_hash !== prevHash) return 'prev_hash mismatch: does not link to the previous event';
  try {
    JSON.parse(row.payload);
  } catch {
    return 'payload not valid JSON';
  }
  const envelope = canonicalEventEnvelope(
    {
      tenantId: row.tenant_id,
      sessionId: row.session_id,
      chainSeq,
      eventId: row.event_id,
      runId: row.run_id,
      runSeq: toNullableSafeInteger(row.run_seq),
      kind: row.kind,
      actor: row.actor,
      recordedAtUs: toSafeInteger(row.recorded_at_us),
    },
    row.payload,
  );
  if (chainHash(prevHash, envelope) !== row.hash)
    return 'hash mismatch: the event differs from what was hashed';
  return undefined;
}
