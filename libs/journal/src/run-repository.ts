import {
  invalidArgument,
  isTerminalRunState,
  PalyraError,
  predecessorsOf,
  RUN_STATES,
  type RunState,
  requireUlid,
} from '@palyra/core';
import { type Selectable, sql } from 'kysely';
import type { Database } from './database.js';
import { FOREIGN_KEY_VIOLATION, isConstraintViolation, toSafeInteger } from './db-values.js';
import { toStoredEvent } from './event-rows.js';
import { appendInTransaction, prepareBatch, withAppendRetry } from './journal-store.js';
import { decodeCursor, encodeCursor, nonNegativeInteger, pageLimit } from './paging.js';
import type { ModelCallUsage, NewRun, RunRecord, RunRepository } from './ports.js';
import type { RunsTable } from './schema.js';
import { readInTenant, type TenantTransaction, withTenant } from './tenant-scope.js';

const TERMINAL_STATES = RUN_STATES.filter(isTerminalRunState);
const UNFINISHED_STATES: readonly RunState[] = ['pending', 'accepted', 'in_progress'];

export interface RunRepositoryOptions {
  /** Wall clock in microseconds for `createWithEvents` (as the journal store's). */
  readonly nowUs?: () => number;
}

export function createRunRepository(database: Database, options: RunRepositoryOptions = {}): RunRepository {
  const nowUs = options.nowUs ?? (() => Date.now() * 1000);
  const runNotFound = (runId: string) =>
    new PalyraError('NOT_FOUND', 'run not found', { details: { runId } });

  return {
    async create(tenantId, run) {
      validateNewRun(run);
      try {
        return await withTenant(database, tenantId, (trx) => insertRun(trx, tenantId, run));
      } catch (error) {
        throw translateCreateError(error, run);
      }
    },

    async createWithEvents(tenantId, run, events) {
      validateNewRun(run);
      const prepared = prepareBatch(events);
      for (const event of prepared) {
        if (event.runId !== run.runId) {
          throw invalidArgument('events', 'every event of an admission must belong to the run');
        }
      }
      try {
        return await withAppendRetry(database, tenantId, async (trx, checkExisting) => {
          const created = await insertRun(trx, tenantId, run);
          if (!created.created || prepared.length === 0) return { ...created, events: [] };
          const stored = await appendInTransaction(trx, tenantId, run.sessionId, prepared, nowUs, {
            checkExisting,
          });
          const lastSeq = Math.max(created.run.lastSeq, ...stored.map((event) => event.runSeq ?? 0));
          return { run: { ...created.run, lastSeq }, created: true, events: stored };
        });
      } catch (error) {
        throw translateCreateError(error, run);
      }
    },

    async get(tenantId, runId) {
      requireUlid(runId, 'run_id');
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(selectRunQuery(database, tenantId, runId)),
      );
      return row === undefined ? null : toRunRecord(row);
    },

    async getWithInputs(tenantId, runId, afterChainSeq = 0, page = {}) {
      requireUlid(runId, 'run_id');
      nonNegativeInteger(afterChainSeq, 'after_chain_seq');
      // The run row first, then its inputs, on one connection: the inputs read sees every input
      // committed before the row was read (e.g. all inputs journaled before a half-close).
      const { row, inputs } = await readInTenant(database, tenantId, async (reader) => {
        const [found] = await reader.execute(selectRunQuery(database, tenantId, runId));
        if (found === undefined) return { row: undefined, inputs: [] };
        const rows = await reader.execute(
          database.kysely
            .selectFrom('journal_events')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('run_id', '=', runId)
            .where('run_seq', 'is', null)
            .where('chain_seq', '>', afterChainSeq)
            .orderBy('chain_seq')
            .limit(pageLimit(page.limit)),
        );
        return { row: found, inputs: rows };
      });
      return { run: row === undefined ? null : toRunRecord(row), inputs: inputs.map(toStoredEvent) };
    },

    async listUnfinished(tenantId, listOptions = {}) {
      const limit = pageLimit(listOptions.limit);
      const after = decodeCursor(listOptions.cursor);
      const rows = await readInTenant(database, tenantId, (reader) => {
        const query = database.kysely
          .selectFrom('runs')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('state', 'in', [...UNFINISHED_STATES])
          .orderBy('run_id')
          .limit(limit + 1);
        return reader.execute(after === undefined ? query : query.where('run_id', '>', after));
      });
      const items = rows.slice(0, limit).map(toRunRecord);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.runId) : null };
    },

    async transition(tenantId, runId, to, options = {}) {
      requireUlid(runId, 'run_id');
      const predecessors = predecessorsOf(to);
      const from = options.from ?? predecessors;
      const invalidFrom = from.find((state) => !predecessors.includes(state));
      if (invalidFrom !== undefined) throw invalidTransition(invalidFrom, to);
      const terminal = isTerminalRunState(to);
      const row = await withTenant(database, tenantId, async (trx) => {
        const updated =
          from.length === 0
            ? undefined
            : await trx
                .updateTable('runs')
                .set({
                  state: to,
                  updated_at: sql`now()`,
                  started_at: to === 'in_progress' ? sql`coalesce(started_at, now())` : sql`started_at`,
                  finished_at: terminal ? sql`now()` : sql`finished_at`,
                  failure_reason:
                    options.failureReason !== undefined && terminal
                      ? options.failureReason
                      : sql`failure_reason`,
                })
                .where('tenant_id', '=', tenantId)
                .where('run_id', '=', runId)
                .where('state', 'in', from)
                .returningAll()
                .executeTakeFirst();
        return { updated, current: updated ?? (await selectRun(trx, tenantId, runId)) };
      });
      if (row.updated !== undefined) return toRunRecord(row.updated);
      if (row.current === undefined) throw runNotFound(runId);
      throw invalidTransition(row.current.state as RunState, to);
    },

    async requestCancel(tenantId, runId, request) {
      requireUlid(runId, 'run_id');
      const row = await withTenant(database, tenantId, async (trx) => {
        const updated = await trx
          .updateTable('runs')
          .set({
            cancel_requested: true,
            cancel_reason: request.reason,
            cancel_requested_by: request.requestedBy,
            updated_at: sql`now()`,
          })
          .where('tenant_id', '=', tenantId)
          .where('run_id', '=', runId)
          .where('cancel_requested', '=', false)
          .where('state', 'not in', TERMINAL_STATES)
          .returningAll()
          .executeTakeFirst();
        return updated ?? (await selectRun(trx, tenantId, runId));
      });
      if (row === undefined) throw runNotFound(runId);
      return toRunRecord(row);
    },

    async closeInput(tenantId, runId) {
      requireUlid(runId, 'run_id');
      const row = await withTenant(database, tenantId, async (trx) => {
        const updated = await trx
          .updateTable('runs')
          .set({ input_closed_at: sql`now()`, updated_at: sql`now()` })
          .where('tenant_id', '=', tenantId)
          .where('run_id', '=', runId)
          .where('input_closed_at', 'is', null)
          .where('state', 'not in', TERMINAL_STATES)
          .returningAll()
          .executeTakeFirst();
        return updated ?? (await selectRun(trx, tenantId, runId));
      });
      if (row === undefined) throw runNotFound(runId);
      return toRunRecord(row);
    },

    async recordUsage(tenantId, runId, usage) {
      requireUlid(runId, 'run_id');
      validateUsage(usage);
      try {
        // One statement: the ledger row and the totals change together or not at all, and a call
        // index already in the ledger inserts nothing, so the UPDATE finds no row to add.
        const result = await withTenant(database, tenantId, (trx) =>
          trx
            .with('inserted', (db) =>
              db
                .insertInto('usage_ledger')
                .values({
                  tenant_id: tenantId,
                  run_id: runId,
                  call_index: usage.callIndex,
                  turn: usage.turn,
                  provider: usage.provider,
                  model: usage.model,
                  prompt_tokens: usage.promptTokens,
                  completion_tokens: usage.completionTokens,
                })
                .onConflict((oc) => oc.columns(['tenant_id', 'run_id', 'call_index']).doNothing())
                .returning(['prompt_tokens', 'completion_tokens']),
            )
            .updateTable('runs')
            .from('inserted')
            .set({
              prompt_tokens: sql`runs.prompt_tokens + inserted.prompt_tokens`,
              completion_tokens: sql`runs.completion_tokens + inserted.completion_tokens`,
              model_calls: sql`runs.model_calls + 1`,
            })
            .where('runs.tenant_id', '=', tenantId)
            .where('runs.run_id', '=', runId)
            .executeTakeFirst(),
        );
        return { recorded: result.numUpdatedRows > 0n };
      } catch (error) {
        if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'usage_ledger_run_fkey')) {
          throw new PalyraError('NOT_FOUND', 'run not found', { cause: error, details: { runId } });
        }
        throw error;
      }
    },

    async listBySession(tenantId, sessionId, options = {}) {
      requireUlid(sessionId, 'session_id');
      const limit = pageLimit(options.limit);
      const after = decodeCursor(options.cursor);
      const rows = await readInTenant(database, tenantId, (reader) => {
        const query = database.kysely
          .selectFrom('runs')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .orderBy('run_id')
          .limit(limit + 1);
        return reader.execute(after === undefined ? query : query.where('run_id', '>', after));
      });
      const items = rows.slice(0, limit).map(toRunRecord);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.runId) : null };
    },
  };
}

function invalidTransition(from: RunState, to: RunState): PalyraError {
  return new PalyraError('INVALID_STATE_TRANSITION', `invalid run state transition from ${from} to ${to}`, {
    details: { from, to },
  });
}

function validateNewRun(run: NewRun): void {
  requireUlid(run.runId, 'run_id');
  requireUlid(run.sessionId, 'session_id');
  if (run.principal === '') throw invalidArgument('principal', 'principal is required');
  if (run.deviceId === '') throw invalidArgument('device_id', 'device_id is required');
}

const MAX_CALL_INDEX = 2 ** 31 - 1;

function validateUsage(usage: ModelCallUsage): void {
  nonNegativeInteger(usage.callIndex, 'call_index');
  nonNegativeInteger(usage.turn, 'turn');
  if (usage.callIndex > MAX_CALL_INDEX) throw invalidArgument('call_index', 'call_index is too large');
  if (usage.turn > MAX_CALL_INDEX) throw invalidArgument('turn', 'turn is too large');
  nonNegativeInteger(usage.promptTokens, 'prompt_tokens');
  nonNegativeInteger(usage.completionTokens, 'completion_tokens');
  if (usage.provider === '') throw invalidArgument('provider', 'provider is required');
  if (usage.model === '') throw invalidArgument('model', 'model is required');
}

/** Inserts the run (and makes it its session's last run), or returns the stored one. */
async function insertRun(
  trx: TenantTransaction,
  tenantId: string,
  run: NewRun,
): Promise<{ run: RunRecord; created: boolean }> {
  const inserted = await trx
    .insertInto('runs')
    .values({
      tenant_id: tenantId,
      run_id: run.runId,
      session_id: run.sessionId,
      principal: run.principal,
      device_id: run.deviceId,
      channel: run.channel,
      state: run.state ?? 'pending',
      cancel_reason: null,
      cancel_requested_by: null,
      failure_reason: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted !== undefined) {
    // A run always becomes its session's last run in the same transaction.
    await trx
      .updateTable('sessions')
      .set({ last_run_id: run.runId, updated_at: sql`now()` })
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', run.sessionId)
      .execute();
    return { run: toRunRecord(inserted), created: true };
  }
  const existing = await selectRun(trx, tenantId, run.runId);
  // Invisible here means another tenant holds the id (run ids are globally unique).
  if (existing === undefined || existing.session_id !== run.sessionId) {
    throw new PalyraError('ALREADY_EXISTS', `run ${run.runId} already exists in another session`, {
      details: { runId: run.runId },
    });
  }
  return { run: toRunRecord(existing), created: false };
}

function translateCreateError(error: unknown, run: NewRun): unknown {
  if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'runs_session_fkey')) {
    return new PalyraError('NOT_FOUND', 'session not found', {
      cause: error,
      details: { sessionId: run.sessionId },
    });
  }
  return error;
}

function selectRunQuery(database: Database, tenantId: string, runId: string) {
  return database.kysely
    .selectFrom('runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId);
}

function selectRun(
  trx: TenantTransaction,
  tenantId: string,
  runId: string,
): Promise<Selectable<RunsTable> | undefined> {
  return trx
    .selectFrom('runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('run_id', '=', runId)
    .executeTakeFirst();
}

function toRunRecord(row: Selectable<RunsTable>): RunRecord {
  return {
    tenantId: row.tenant_id,
    runId: row.run_id,
    sessionId: row.session_id,
    principal: row.principal,
    deviceId: row.device_id,
    channel: row.channel,
    state: row.state as RunState,
    cancelRequested: row.cancel_requested,
    cancelReason: row.cancel_reason,
    cancelRequestedBy: row.cancel_requested_by,
    failureReason: row.failure_reason,
    lastSeq: toSafeInteger(row.last_seq),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    inputClosedAt: row.input_closed_at,
    promptTokens: toSafeInteger(row.prompt_tokens),
    completionTokens: toSafeInteger(row.completion_tokens),
    modelCalls: toSafeInteger(row.model_calls),
  };
}
