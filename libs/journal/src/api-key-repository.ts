import { invalidArgument, PalyraError } from '@palyra/core';
import { type Selectable, sql } from 'kysely';
import type { Database } from './database.js';
import { FOREIGN_KEY_VIOLATION, isConstraintViolation, UNIQUE_VIOLATION } from './db-values.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';
import type { ApiKeyRecord, ApiKeyRepository } from './ports.js';
import type { ApiKeysTable } from './schema.js';
import { readInTenant, withTenant } from './tenant-scope.js';
import { requireText, textList } from './text-fields.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ApiKeyRepositoryOptions {
  /**
   * How stale `last_used_at` may get before a successful lookup writes it again. Bounds the
   * writes an authenticated request costs to one per key per interval. Default 60 s.
   */
  readonly lastUsedResolutionMs?: number;
}

/** Per-tenant machine credentials, stored as the sha256 of the secret. */
export function createApiKeyRepository(
  database: Database,
  options: ApiKeyRepositoryOptions = {},
): ApiKeyRepository {
  const resolutionMs = options.lastUsedResolutionMs ?? 60_000;
  if (!Number.isSafeInteger(resolutionMs) || resolutionMs < 0) {
    throw new TypeError('lastUsedResolutionMs must be a non-negative integer');
  }

  return {
    async create(tenantId, key) {
      const keyId = requireText(key.keyId, 'key_id');
      if (typeof key.secretHash !== 'string' || !SHA256_HEX.test(key.secretHash)) {
        throw invalidArgument('secret_hash', 'secret_hash must be 64 lower-case hex characters (sha256)');
      }
      if (typeof key.name !== 'string') throw invalidArgument('name', 'name must be a string');
      try {
        const row = await withTenant(database, tenantId, (trx) =>
          trx
            .insertInto('api_keys')
            .values({
              tenant_id: tenantId,
              key_id: keyId,
              name: key.name,
              principal: requireText(key.principal, 'principal'),
              roles: textList(key.roles, 'roles'),
              secret_hash: key.secretHash,
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
        );
        return toApiKeyRecord(row);
      } catch (error) {
        if (isConstraintViolation(error, UNIQUE_VIOLATION, 'api_keys_pkey')) {
          throw new PalyraError('ALREADY_EXISTS', `api key ${keyId} already exists`, {
            cause: error,
            details: { keyId },
          });
        }
        if (isConstraintViolation(error, UNIQUE_VIOLATION, 'api_keys_secret_hash_key')) {
          throw new PalyraError(
            'ALREADY_EXISTS',
            'an api key with this secret already exists: mint a new secret',
            {
              cause: error,
            },
          );
        }
        if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'api_keys_tenant_id_fkey')) {
          throw new PalyraError('NOT_FOUND', `tenant ${tenantId} not found`, { cause: error });
        }
        throw error;
      }
    },

    async findActive(tenantId, keyId, secretHash) {
      if (keyId === '' || !SHA256_HEX.test(secretHash)) return null;
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('api_keys')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('key_id', '=', keyId)
            .where('secret_hash', '=', secretHash)
            .where('revoked_at', 'is', null),
        ),
      );
      if (row === undefined) return null;
      if (row.last_used_at !== null && Date.now() - row.last_used_at.getTime() < resolutionMs) {
        return toApiKeyRecord(row);
      }
      // Guarded like the read: a key revoked in between is not stamped, and is not returned.
      const touched = await withTenant(database, tenantId, (trx) =>
        trx
          .updateTable('api_keys')
          .set({ last_used_at: sql`now()` })
          .where('tenant_id', '=', tenantId)
          .where('key_id', '=', keyId)
          .where('secret_hash', '=', secretHash)
          .where('revoked_at', 'is', null)
          .returningAll()
          .executeTakeFirst(),
      );
      return touched === undefined ? null : toApiKeyRecord(touched);
    },

    async list(tenantId, listOptions = {}) {
      const limit = pageLimit(listOptions.limit);
      const after = decodeCursor(listOptions.cursor);
      const rows = await readInTenant(database, tenantId, (reader) => {
        const query = database.kysely
          .selectFrom('api_keys')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('key_id')
          .limit(limit + 1);
        return reader.execute(after === undefined ? query : query.where('key_id', '>', after));
      });
      const items = rows.slice(0, limit).map(toApiKeyRecord);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.keyId) : null };
    },

    async revoke(tenantId, keyId) {
      requireText(keyId, 'key_id');
      const row = await withTenant(database, tenantId, (trx) =>
        trx
          .updateTable('api_keys')
          .set({ revoked_at: sql`coalesce(revoked_at, now())` })
          .where('tenant_id', '=', tenantId)
          .where('key_id', '=', keyId)
          .returningAll()
          .executeTakeFirst(),
      );
      if (row === undefined) {
        throw new PalyraError('NOT_FOUND', `api key ${keyId} not found`, { details: { keyId } });
      }
      return toApiKeyRecord(row);
    },
  };
}

/** The secret hash never leaves this module. */
function toApiKeyRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    tenantId: row.tenant_id,
    keyId: row.key_id,
    name: row.name,
    principal: row.principal,
    roles: row.roles,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
