import {
  chainHash,
  invalidArgument,
  isTerminalRunState,
  PalyraError,
  predecessorsOf,
  type RunState,
  requireTenantId,
  requireUlid,
} from '@palyra/core';
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
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
import type { JournalStore, NewJournalEvent, RunTransition, StoredJournalEvent } from './ports.js';
import type { JournalEventsTable, JournalSchema } from './schema.js';
import { readInTenant, type TenantTransaction, withTenant } from './tenant-scope.js';

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

type EventQuery = SelectQueryBuilder<JournalSchema, 'journal_events', Selectable<JournalEventsTable>>;

export function createJournalStore(database: Database, options: JournalStoreOptions = {}): JournalStore {
  const nowUs = options.nowUs ?? (() => Date.now() * 1000);

  // Every read is one tenant-scoped statement over journal_events; callers add the filters and order.
  const readEvents = async (
    tenantId: string,
    refine: (query: EventQuery) => EventQuery,
  ): Promise<StoredJournalEvent[]> => {
    const rows = await readInTenant(database, tenantId, (reader) =>
      reader.execute(
        refine(database.kysely.selectFrom('journal_events').selectAll().where('tenant_id', '=', tenantId)),
      ),
    );
    return rows.map(toStoredEvent);
  };

  return {
    async append(tenantId, sessionId, events, options = {}) {
      requireTenantId(tenantId);
      requireUlid(sessionId, 'session_id');
      // Everything that can be rejected without the database is rejected before the transaction.
      const prepared = prepareBatch(events);
      const transition = resolveTransition(options.transition);
      if (prepared.length === 0) return [];
      return appendWithRetry(database, tenantId, sessionId, prepared, nowUs, transition);
    },

    async verifyChain(tenantId, sessionId) {
      return verifyChain(database, tenantId, sessionId);
    },

    async readRunEvents(tenantId, runId, afterSeq, page = {}) {
      requireUlid(runId, 'run_id');
      nonNegativeInteger(afterSeq, 'after_seq');
      return readEvents(tenantId, (query) =>
        query
          .where('run_id', '=', runId)
          .where('run_seq', '>', afterSeq)
          .orderBy('run_seq')
          .limit(pageLimit(page.limit)),
      );
    },

    async readRunInputs(tenantId, runId, afterChainSeq = 0, page = {}) {
      requireUlid(runId, 'run_id');
      nonNegativeInteger(afterChainSeq, 'after_chain_seq');
      return readEvents(tenantId, (query) =>
        query
          .where('run_id', '=', runId)
          .where('run_seq', 'is', null)
          .where('chain_seq', '>', afterChainSeq)
          .orderBy('chain_seq')
          .limit(pageLimit(page.limit)),
      );
    },

    async readSessionEvents(tenantId, sessionId, afterChainSeq = 0, page = {}) {
      requireUlid(sessionId, 'session_id');
      nonNegativeInteger(afterChainSeq, 'after_chain_seq');
      return readEvents(tenantId, (query) =>
        query
          .where('session_id', '=', sessionId)
          .where('chain_seq', '>', afterChainSeq)
          .orderBy('chain_seq')
          .limit(pageLimit(page.limit)),
      );
    },

    async readRecent(tenantId, page = {}) {
      return readEvents(tenantId, (query) =>
        query
          .orderBy('recorded_at_us', 'desc')
          .orderBy('session_id', 'desc')
          .orderBy('chain_seq', 'desc')
          .limit(pageLimit(page.limit)),
      );
    },
  };
}

/** Validates and prepares a batch (no database access). */
export function prepareBatch(events: readonly NewJournalEvent[]): PreparedEvent[] {
  if (events.length > MAX_APPEND_BATCH) {
    throw invalidArgument('events', `at most ${MAX_APPEND_BATCH} events can be appended at once`);
  }
  return events.map((event: NewJournalEvent) => prepareEvent(event));
}

/** A validated run state change applied with an append (several steps collapse into one UPDATE). */
export interface ResolvedTransition {
  readonly runId: string;
  readonly to: RunState;
  /** Allowed current states (the first step's). */
  readonly from: readonly RunState[];
  readonly starts: boolean;
  readonly terminal: boolean;
  readonly failureReason: string | undefined;
}

/**
 * Checks a transition like runs.transition does: each step's `from` within predecessorsOf(to),
 * and each later step reachable from the step before it.
 */
export function resolveTransition(
  transition: RunTransition | readonly RunTransition[] | undefined,
): ResolvedTransition | undefined {
  if (transition === undefined) return undefined;
  const steps: readonly RunTransition[] = Array.isArray(transition)
    ? (transition as readonly RunTransition[])
    : [transition as RunTransition];
  const first = steps[0];
  const last = steps.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const runId = requireUlid(first.runId, 'run_id');
  let previous: RunState | undefined;
  for (const step of steps) {
    if (step.runId !== runId)
      throw invalidArgument('transition', 'all transition steps must name the same run');
    const predecessors = predecessorsOf(step.to);
    const from = step.from ?? predecessors;
    const invalid = from.find((state) => !predecessors.includes(state));
    if (invalid !== undefined) throw invalidTransition(invalid, step.to);
    if (previous !== undefined && !from.includes(previous)) throw invalidTransition(previous, step.to);
    previous = step.to;
  }
  const terminal = isTerminalRunState(last.to);
  return {
    runId,
    to: last.to,
    from: first.from ?? predecessorsOf(first.to),
    starts: steps.some((step) => step.to === 'in_progress'),
    terminal,
    failureReason: terminal ? last.failureReason : undefined,
  };
}

export function invalidTransition(from: RunState, to: RunState): PalyraError {
  return new PalyraError('INVALID_STATE_TRANSITION', `invalid run state transition from ${from} to ${to}`, {
    details: { from, to },
  });
}

/** The optimistic append met a stored event id or run seq: redo it with the duplicate checks. */
class RepeatWithChecks extends Error {}

/**
 * Runs `body` in a tenant transaction, first optimistically (no read of stored duplicates: one
 * round trip less), and once more with the checks when the insert met a stored event id or run
 * seq. The retry is a new transaction, so it decides from scratch (idempotent repeat, conflict).
 */
export async function withAppendRetry<T>(
  database: Database,
  tenantId: string,
  body: (trx: TenantTransaction, checkExisting: boolean) => Promise<T>,
): Promise<T> {
  try {
    return await withTenant(database, tenantId, (trx) => body(trx, false));
  } catch (error) {
    if (!(error instanceof RepeatWithChecks)) throw error;
    return withTenant(database, tenantId, (trx) => body(trx, true));
  }
}

function appendWithRetry(
  database: Database,
  tenantId: string,
  sessionId: string,
  prepared: readonly PreparedEvent[],
  nowUs: () => number,
  transition: ResolvedTransition | undefined,
): Promise<StoredJournalEvent[]> {
  return withAppendRetry(database, tenantId, (trx, checkExisting) =>
    appendInTransaction(trx, tenantId, sessionId, prepared, nowUs, { checkExisting, transition }),
  );
}

/**
 * One batch, one transaction: lock the session row (the chain head lives there, so appends to a
 * session serialize and each is O(1)), drop idempotent repeats, chain the rest, insert them, move
 * the head and apply the run transition if any. Statements after the lock see every append
 * committed before it (READ COMMITTED takes a fresh snapshot per statement), which is what makes
 * the duplicate checks exact. Without `checkExisting` the stored duplicates are not read: the
 * constraints then reject a repeat, which the caller turns into a retry with the checks.
 * A batch that was entirely stored already (an idempotent repeat) does not apply the transition
 * again: the append that stored it applied it.
 */
export async function appendInTransaction(
  trx: TenantTransaction,
  tenantId: string,
  sessionId: string,
  prepared: readonly PreparedEvent[],
  nowUs: () => number,
  options: { readonly checkExisting: boolean; readonly transition?: ResolvedTransition | undefined },
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

  const existing = options.checkExisting ? await findExisting(trx, tenantId, prepared) : [];
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

  const transition = options.transition;
  let transitioned: boolean;
  try {
    transitioned = await writeBatch(
      trx,
      tenantId,
      sessionId,
      rows,
      { chainSeq, hash: prevHash, recordedAtUs: clockUs },
      transition,
    );
  } catch (error) {
    if (
      !options.checkExisting &&
      (isConstraintViolation(error, UNIQUE_VIOLATION, 'journal_events_run_seq_key') ||
        isConstraintViolation(error, UNIQUE_VIOLATION, 'journal_events_event_id_key'))
    ) {
      throw new RepeatWithChecks();
    }
    throw translateWriteError(error, sessionId, rows);
  }
  if (transition !== undefined && !transitioned) {
    // Thrown inside the transaction: nothing of the batch is written.
    const current = await trx
      .selectFrom('runs')
      .select('state')
      .where('tenant_id', '=', tenantId)
      .where('run_id', '=', transition.runId)
      .executeTakeFirst();
    if (current === undefined) {
      throw new PalyraError('NOT_FOUND', 'run not found', { details: { runId: transition.runId } });
    }
    throw invalidTransition(current.state as RunState, transition.to);
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

/**
 * Inserts the rows, raises each touched run's last_seq (and applies the transition, guarded by
 * its `from` states) and moves the session head: one statement. Returns whether the transition
 * applied.
 */
async function writeBatch(
  trx: TenantTransaction,
  tenantId: string,
  sessionId: string,
  rows: readonly NewEventRow[],
  head: { chainSeq: number; hash: string; recordedAtUs: number },
  transition: ResolvedTransition | undefined,
): Promise<boolean> {
  const lastSeqByRun = new Map<string, number>();
  for (const row of rows) {
    if (row.run_id === null || row.run_seq === null) continue;
    lastSeqByRun.set(row.run_id, Math.max(lastSeqByRun.get(row.run_id) ?? 0, row.run_seq));
  }
  const runIds = [...lastSeqByRun.keys()];
  if (transition !== undefined && !runIds.includes(transition.runId)) runIds.push(transition.runId);
  const raisedSeq =
    lastSeqByRun.size === 0
      ? sql<number>`last_seq`
      : sql<number>`greatest(last_seq, case run_id ${sql.join(
          [...lastSeqByRun].map(([runId, seq]) => sql`when ${runId} then ${seq}::bigint`),
          sql` `,
        )} end)`;
  const target = transition === undefined ? undefined : sql<boolean>`run_id = ${transition.runId}`;
  const when = <T>(
    condition: boolean,
    value: ReturnType<typeof sql<T>>,
    otherwise: ReturnType<typeof sql<T>>,
  ) =>
    target === undefined || !condition
      ? otherwise
      : sql<T>`case when ${target} then ${value} else ${otherwise} end`;
  const result = await trx
    .with('inserted', (db) =>
      db
        .insertInto('journal_events')
        .values([...rows])
        .returning('chain_seq'),
    )
    .with('runs_moved', (db) => {
      let update = db
        .updateTable('runs')
        .set({ last_seq: raisedSeq, updated_at: sql`now()` })
        .where('tenant_id', '=', tenantId);
      if (transition !== undefined) {
        update = update
          .set({
            state: when(true, sql<string>`${transition.to}`, sql<string>`state`),
            started_at: when(
              transition.starts,
              sql<Date>`coalesce(started_at, now())`,
              sql<Date>`started_at`,
            ),
            finished_at: when(transition.terminal, sql<Date>`now()`, sql<Date>`finished_at`),
            failure_reason: when(
              transition.failureReason !== undefined,
              sql<string>`${transition.failureReason ?? null}`,
              sql<string>`failure_reason`,
            ),
          })
          .where((eb) =>
            eb.or([eb('run_id', '<>', transition.runId), eb('state', 'in', [...transition.from])]),
          );
      }
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
    .returning(
      transition === undefined
        ? sql<boolean>`true`.as('transitioned')
        : sql<boolean>`exists (select 1 from runs_moved where run_id = ${transition.runId})`.as(
            'transitioned',
          ),
    )
    .executeTakeFirst();
  return result?.transitioned === true;
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
