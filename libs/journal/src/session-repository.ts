import { invalidArgument, newId, PalyraError, requireUlid } from '@palyra/core';
import { type Selectable, sql } from 'kysely';
import type { Database } from './database.js';
import {
  FOREIGN_KEY_VIOLATION,
  isConstraintViolation,
  toSafeInteger,
  UNIQUE_VIOLATION,
} from './db-values.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';
import type { SessionIdentity, SessionRecord, SessionRepository } from './ports.js';
import type { SessionsTable } from './schema.js';
import { readInTenant, type TenantTransaction, withTenant } from './tenant-scope.js';
import { requireText } from './text-fields.js';

/** Session data operations. Which of id/key/label wins, and identity checks, are the gateway's rules. */
export function createSessionRepository(database: Database): SessionRepository {
  const sessionNotFound = (sessionId: string) =>
    new PalyraError('NOT_FOUND', 'session not found', { details: { sessionId } });

  /** Runs a guarded UPDATE; when it matched nothing, NOT_FOUND or the current row. */
  const updateOrCurrent = async (
    tenantId: string,
    sessionId: string,
    update: (trx: TenantTransaction) => Promise<Selectable<SessionsTable> | undefined>,
  ): Promise<SessionRecord> => {
    requireUlid(sessionId, 'session_id');
    const row = await withTenant(database, tenantId, async (trx) => {
      const updated = await update(trx);
      return updated ?? (await selectSession(trx, tenantId, sessionId));
    });
    if (row === undefined) throw sessionNotFound(sessionId);
    return toSessionRecord(row);
  };

  return {
    async create(tenantId, session) {
      const sessionId =
        session.sessionId === undefined ? newId() : requireUlid(session.sessionId, 'session_id');
      requireText(session.sessionKey, 'session_key');
      requireText(session.principal, 'principal');
      requireText(session.deviceId, 'device_id');
      if (session.sessionKey.startsWith('archived:')) {
        throw invalidArgument('session_key', 'session_key must not start with archived:');
      }
      try {
        const row = await withTenant(database, tenantId, (trx) =>
          trx
            .insertInto('sessions')
            .values({
              tenant_id: tenantId,
              session_id: sessionId,
              session_key: session.sessionKey,
              session_label: session.sessionLabel ?? '',
              principal: session.principal,
              device_id: session.deviceId,
              channel: session.channel,
              last_run_id: null,
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
        );
        return toSessionRecord(row);
      } catch (error) {
        if (isConstraintViolation(error, UNIQUE_VIOLATION, 'sessions_session_key_key')) {
          throw new PalyraError('ALREADY_EXISTS', `session key ${session.sessionKey} already exists`, {
            cause: error,
          });
        }
        if (
          isConstraintViolation(error, UNIQUE_VIOLATION, 'sessions_pkey') ||
          isConstraintViolation(error, UNIQUE_VIOLATION, 'sessions_session_id_key')
        ) {
          throw new PalyraError('ALREADY_EXISTS', `session ${sessionId} already exists`, { cause: error });
        }
        if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'sessions_tenant_id_fkey')) {
          throw new PalyraError('NOT_FOUND', `tenant ${tenantId} not found`, { cause: error });
        }
        throw error;
      }
    },

    async get(tenantId, sessionId) {
      requireUlid(sessionId, 'session_id');
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('sessions')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('session_id', '=', sessionId),
        ),
      );
      return row === undefined ? null : toSessionRecord(row);
    },

    async getByKey(tenantId, sessionKey) {
      requireText(sessionKey, 'session_key');
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('sessions')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('session_key', '=', sessionKey),
        ),
      );
      return row === undefined ? null : toSessionRecord(row);
    },

    async list(tenantId, identity: SessionIdentity, options = {}) {
      const limit = pageLimit(options.limit);
      const after = decodeCursor(options.cursor);
      const q = options.q ?? '';
      const rows = await readInTenant(database, tenantId, (reader) => {
        let query = database.kysely
          .selectFrom('sessions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('principal', '=', identity.principal)
          .where('device_id', '=', identity.deviceId)
          .where('channel', '=', identity.channel);
        if (!options.includeArchived) query = query.where('archived_at', 'is', null);
        if (after !== undefined) query = query.where('session_key', '>', after);
        if (q !== '') {
          // strpos, not LIKE: the search text needs no escaping.
          query = query.where(
            sql<boolean>`(strpos(lower(session_key), lower(${q})) > 0 or strpos(lower(session_label), lower(${q})) > 0)`,
          );
        }
        return reader.execute(query.orderBy('session_key').limit(limit + 1));
      });
      const items = rows.slice(0, limit).map(toSessionRecord);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.sessionKey) : null };
    },

    async setLastRun(tenantId, sessionId, runId) {
      requireUlid(runId, 'run_id');
      return updateOrCurrent(tenantId, sessionId, (trx) =>
        trx
          .updateTable('sessions')
          .set({ last_run_id: runId, updated_at: sql`now()` })
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .returningAll()
          .executeTakeFirst(),
      );
    },

    async rename(tenantId, sessionId, label) {
      if (typeof label !== 'string') throw invalidArgument('session_label', 'session_label must be a string');
      return updateOrCurrent(tenantId, sessionId, (trx) =>
        trx
          .updateTable('sessions')
          .set({ session_label: label, updated_at: sql`now()` })
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .returningAll()
          .executeTakeFirst(),
      );
    },

    async reset(tenantId, sessionId) {
      return updateOrCurrent(tenantId, sessionId, (trx) =>
        trx
          .updateTable('sessions')
          .set({ last_run_id: null, updated_at: sql`now()` })
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .returningAll()
          .executeTakeFirst(),
      );
    },

    async archive(tenantId, sessionId) {
      const archivedAt = new Date();
      return updateOrCurrent(tenantId, sessionId, (trx) =>
        trx
          .updateTable('sessions')
          .set({
            archived_at: archivedAt,
            session_key: `archived:${sessionId}:${archivedAt.getTime()}`,
            updated_at: archivedAt,
          })
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .where('archived_at', 'is', null)
          .returningAll()
          .executeTakeFirst(),
      );
    },
  };
}

function selectSession(
  trx: TenantTransaction,
  tenantId: string,
  sessionId: string,
): Promise<Selectable<SessionsTable> | undefined> {
  return trx
    .selectFrom('sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

function toSessionRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    tenantId: row.tenant_id,
    sessionId: row.session_id,
    sessionKey: row.session_key,
    sessionLabel: row.session_label,
    principal: row.principal,
    deviceId: row.device_id,
    channel: row.channel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRunId: row.last_run_id,
    archivedAt: row.archived_at,
    chainLength: toSafeInteger(row.chain_length),
    chainHeadHash: row.chain_head_hash,
  };
}
