import { chainHash, invalidArgument, PalyraError, requireTenantId, requireUlid } from '@palyra/core';
import { sql } from 'kysely';
import { verifyChain } from './chain-verification.js';
import type { Database } from './database.js';
import {
  FOREIGN_KEY_VIOLATION,
  isConstraintViolation,
  postgresError,
  toSafeInteger,
  UNIQUE_VIOLATION,
} from './db-values.js';
import { canonicalEventEnvelope } from './event-envelope.js';
import {
  isSameEvent,
  type JournalEventRow,
  type PreparedEvent,
  prepareEvent,
  toStoredEvent,
} from './event-rows.js';
import { nonNegativeInteger, pageLimit } from './paging.js';
import type { JournalStore, NewJournalEvent, StoredJournalEvent } from './ports.js';
import { type TenantTransaction, withTenant } from './tenant-scope.js';

/** A row as this store writes it (bigint columns as numbers). */
type NewEventRow = Omit<JournalEventRow, 'chain_seq' | 'run_seq' | 'recorded_at_us'> & {
  chain_seq: number;
  run_seq: number | null;
  recorded_at_us: number;
};

/** Bounds one INSERT (13 parameters a row, well under Postgres' 65535). */
export const MAX_APPEND_BATCH = 1000;

export interface JournalStoreOptions {
  /** Wall clock in microseconds; the chain makes it strictly increasing per session. */
  readonly nowUs?: () => number;
}

export function createJournalStore(database: Database, options: JournalStoreOptions = {}): JournalStore {
  const nowUs = options.nowUs ?? (() => Date.now() * 1000);

  return {
    async append(tenantId, sessionId, events) {
      requireTenantId(tenantId);
      requireUlid(sessionId, 'session_id');
      if (events.length > MAX_APPEND_BATCH) {
        throw invalidArgument('events', `at most ${MAX_APPEND_BATCH} events can be appended at once`);
      }
      // Everything that can be rejected without the database is rejected before the transaction.
      const prepared = events.map((event: NewJournalEvent) => prepareEvent(event));
      if (prepared.length === 0) return [];
      return withTenant(database, tenantId, (trx) =>
        appendInTransaction(trx, tenantId, sessionId, prepared, nowUs),
      );
    },

    async verifyChain(tenantId, sessionId) {
      return verifyChain(database, tenantId, sessionId);
    },

    async readRunEvents(tenantId, runId, afterSeq, page = {}) {
      requireUlid(runId, 'run_id');
      nonNegativeInteger(afterSeq, 'after_seq');
      const rows = await withTenant(database, tenantId, (trx) =>
        trx
          .selectFrom('journal_events')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('run_id', '=', runId)
          .where('run_seq', '>', afterSeq)
          .orderBy('run_seq')
          .limit(pageLimit(page.limit))
          .execute(),
      );
      return rows.map(toStoredEvent);
    },

    async readRunInputs(tenantId, runId, afterChainSeq = 0, page = {}) {
      requireUlid(runId, 'run_id');
      nonNegativeInteger(afterChainSeq, 'after_chain_seq');
      const rows = await withTenant(database, tenantId, (trx) =>
        trx
          .selectFrom('journal_events')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('run_id', '=', runId)
          .where('run_seq', 'is', null)
          .where('chain_seq', '>', afterChainSeq)
          .orderBy('chain_seq')
          .limit(pageLimit(page.limit))
          .execute(),
      );
      return rows.map(toStoredEvent);
    },

    async readSessionEvents(tenantId, sessionId, afterChainSeq = 0, page = {}) {
      requireUlid(sessionId, 'session_id');
      nonNegativeInteger(afterChainSeq, 'after_chain_seq');
      const rows = await withTenant(database, tenantId, (trx) =>
        trx
          .selectFrom('journal_events')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .where('chain_seq', '>', afterChainSeq)
          .orderBy('chain_seq')
          .limit(pageLimit(page.limit))
          .execute(),
      );
      return rows.map(toStoredEvent);
    },

    async readRecent(tenantId, page = {}) {
      const rows = await withTenant(database, tenantId, (trx) =>
        trx
          .selectFrom('journal_events')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('recorded_at_us', 'desc')
          .orderBy('session_id', 'desc')
          .orderBy('chain_seq', 'desc')
          .limit(pageLimit(page.limit))
          .execute(),
      );
      return rows.map(toStoredEvent);
    },
  };
}

/**
 * One batch, one transaction: lock the session row (the chain head lives there, so appends to a
 * session serialize and each is O(1)), drop idempotent repeats, chain the rest, insert them and
 * move the head. Statements after the lock see every append committed before it (READ COMMITTED
 * takes a fresh snapshot per statement), which is what makes the duplicate checks exact.
 */
async function appendInTransaction(
  trx: TenantTransaction,
  tenantId: string,
  sessionId: string,
  prepared: readonly PreparedEvent[],
  nowUs: () => number,
): Promise<StoredJournalEvent[]> {
  // NO KEY UPDATE (not UPDATE): serializes appenders without blocking the FOR KEY SHARE lock that
  // inserting a run (foreign key to its session) takes.
  const head = await trx
    .selectFrom('sessions')
    .select(['chain_length', 'chain_head_hash', 'chain_head_recorded_at_us'])
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (head === undefined) throw new PalyraError('NOT_FOUND', 'session not found', { details: { sessionId } });

  const existing = await findExisting(trx, tenantId, prepared);
  const storedById = new Map(existing.map((row) => [row.event_id, toStoredEvent(row)]));
  const seqOwners = new Map(
    existing
      .filter((row) => row.run_seq !== null)
      .map((row) => [`${row.run_id}/${row.run_seq}`, row.event_id]),
  );

  let chainSeq = toSafeInteger(head.chain_length);
  let prevHash = head.chain_head_hash;
  let clockUs = toSafeInteger(head.chain_head_recorded_at_us);
  const now = nowUs();
  const rows: NewEventRow[] = [];
  const results: StoredJournalEvent[] = [];

  for (const event of prepared) {
    const stored = storedById.get(event.eventId);
    if (stored !== undefined) {
      if (!isSameEvent(stored, sessionId, event)) {
        throw new PalyraError(
          'ALREADY_EXISTS',
          `event ${event.eventId} already exists with different content`,
          {
            details: { eventId: event.eventId },
          },
        );
      }
      results.push(stored);
      continue;
    }
    if (event.runSeq !== null) {
      const seqKey = `${event.runId}/${event.runSeq}`;
      if (seqOwners.has(seqKey)) throw runSeqTaken(event.runId ?? '', event.runSeq);
      seqOwners.set(seqKey, event.eventId);
    }
    chainSeq += 1;
    clockUs = Math.max(now, clockUs + 1);
    const fields = {
      tenantId,
      sessionId,
      chainSeq,
      eventId: event.eventId,
      runId: event.runId,
      runSeq: event.runSeq,
      kind: event.kind,
      actor: event.actor,
      recordedAtUs: clockUs,
    };
    const hash = chainHash(prevHash, canonicalEventEnvelope(fields, event.payloadJson));
    const row: NewEventRow = {
      tenant_id: tenantId,
      session_id: sessionId,
      chain_seq: chainSeq,
      event_id: event.eventId,
      run_id: event.runId,
      run_seq: event.runSeq,
      kind: event.kind,
      actor: event.actor,
      payload: event.payloadJson,
      redacted: event.redacted,
      recorded_at_us: clockUs,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    rows.push(row);
    const created = toStoredEvent(row);
    storedById.set(event.eventId, created);
    results.push(created);
  }
  if (rows.length === 0) return results;

  try {
    await writeBatch(trx, tenantId, sessionId, rows, { chainSeq, hash: prevHash, recordedAtUs: clockUs });
  } catch (error) {
    throw translateWriteError(error, sessionId, rows);
  }
  return results;
}

/** Stored events that share an event id or a (run, seq) with the batch. */
function findExisting(
  trx: TenantTransaction,
  tenantId: string,
  prepared: readonly PreparedEvent[],
): Promise<JournalEventRow[]> {
  const seqsByRun = new Map<string, number[]>();
  for (const event of prepared) {
    if (event.runId === null || event.runSeq === null) continue;
    seqsByRun.set(event.runId, [...(seqsByRun.get(event.runId) ?? []), event.runSeq]);
  }
  return trx
    .selectFrom('journal_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb(
          'event_id',
          'in',
          prepared.map((event) => event.eventId),
        ),
        ...[...seqsByRun].map(([runId, seqs]) =>
          eb.and([eb('run_id', '=', runId), eb('run_seq', 'in', seqs)]),
        ),
      ]),
    )
    .execute();
}

/** Inserts the rows, raises each touched run's last_seq and moves the session head: one statement. */
async function writeBatch(
  trx: TenantTransaction,
  tenantId: string,
  sessionId: string,
  rows: readonly NewEventRow[],
  head: { chainSeq: number; hash: string; recordedAtUs: number },
): Promise<void> {
  const lastSeqByRun = new Map<string, number>();
  for (const row of rows) {
    if (row.run_id === null || row.run_seq === null) continue;
    lastSeqByRun.set(row.run_id, Math.max(lastSeqByRun.get(row.run_id) ?? 0, row.run_seq));
  }
  const runIds = [...lastSeqByRun.keys()];
  const raisedSeq =
    runIds.length === 0
      ? sql<number>`last_seq`
      : sql<number>`greatest(last_seq, case run_id ${sql.join(
          [...lastSeqByRun].map(([runId, seq]) => sql`when ${runId} then ${seq}::bigint`),
          sql` `,
        )} end)`;
  await trx
    .with('inserted', (db) =>
      db
        .insertInto('journal_events')
        .values([...rows])
        .returning('chain_seq'),
    )
    .with('runs_moved', (db) => {
      const update = db
        .updateTable('runs')
        .set({ last_seq: raisedSeq, updated_at: sql`now()` })
        .where('tenant_id', '=', tenantId);
      return (
        runIds.length === 0 ? update.where(sql<boolean>`false`) : update.where('run_id', 'in', runIds)
      ).returning('run_id');
    })
    .updateTable('sessions')
    .set({
      chain_length: head.chainSeq,
      chain_head_hash: head.hash,
      chain_head_recorded_at_us: head.recordedAtUs,
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .execute();
}

function runSeqTaken(runId: string, runSeq: number): PalyraError {
  return new PalyraError('ALREADY_EXISTS', `run ${runId} already has event seq ${runSeq}`, {
    details: { runId, runSeq },
  });
}

/** Maps constraint violations to the errors callers act on; anything else passes through. */
function translateWriteError(error: unknown, sessionId: string, rows: readonly NewEventRow[]): unknown {
  const fields = postgresError(error);
  const firstRunRow = rows.find((row) => row.run_id !== null);
  if (isConstraintViolation(error, UNIQUE_VIOLATION, 'journal_events_run_seq_key')) {
    const match = /=\(([^,]+), (\d+)\)/.exec(fields?.detail ?? '');
    return runSeqTaken(
      match?.[1] ?? firstRunRow?.run_id ?? '?',
      Number(match?.[2] ?? firstRunRow?.run_seq ?? 0),
    );
  }
  if (isConstraintViolation(error, UNIQUE_VIOLATION, 'journal_events_event_id_key')) {
    const match = /=\([^,]+, ([^)]+)\)/.exec(fields?.detail ?? '');
    return new PalyraError(
      'ALREADY_EXISTS',
      `event ${match?.[1] ?? '?'} already exists with different content`,
      {
        cause: error,
      },
    );
  }
  if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'journal_events_run_fkey')) {
    const match = /=\([^,]+, [^,]+, ([^)]+)\)/.exec(fields?.detail ?? '');
    const runId = match?.[1] ?? firstRunRow?.run_id ?? '?';
    return new PalyraError('NOT_FOUND', `run ${runId} not found in session ${sessionId}`, {
      cause: error,
      details: { runId, sessionId },
    });
  }
  return error;
}
