import { requireTenantId } from '@palyra/core';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import type { JournalSchema } from './schema.js';

/** A connection inside a tenant-scoped transaction. Do not start nested transactions on it. */
export type TenantTransaction = Kysely<JournalSchema>;

/**
 * The one way repositories reach tenant data: a transaction on one connection with
 * `palyra.tenant_id` set locally, so row-level security admits exactly that tenant's rows and the
 * setting vanishes at COMMIT/ROLLBACK (a pooled connection never carries it to the next user).
 *
 * BEGIN and set_config travel in one simple-protocol round trip. The tenant id is interpolated as
 * a literal, which is safe because requireTenantId admits only [a-z0-9_-].
 */
export async function withTenant<T>(
  database: Database,
  tenantId: string,
  fn: (trx: TenantTransaction) => Promise<T>,
): Promise<T> {
  const tenant = requireTenantId(tenantId);
  return inTransaction(database, `select set_config('palyra.tenant_id', '${tenant}', true)`, fn);
}

/** Reads inside `readInTenant`: each call is one statement, returning its rows. */
export interface TenantReader {
  execute<R>(query: { compile(): CompiledQuery<R> }): Promise<R[]>;
}

/**
 * Tenant-scoped reads without a transaction where the driver offers it (`pg`): one round trip
 * per query instead of three (BEGIN+set_config, query, COMMIT). The connection comes from a
 * separate pool used for nothing else, whose session-level `palyra.tenant_id` is remembered per
 * connection and set (one extra round trip) only when it differs from `tenantId`. Safe because:
 * those connections never run anything but these reads (the pool behind `database.kysely` never
 * carries a session-level tenant, so "outside withTenant every table reads as empty" still holds);
 * the setting is recorded only after it was applied, and a connection that saw any error is
 * destroyed, not returned; and every repository query also filters `tenant_id = <its tenant>`, so
 * even a stale setting could only make a result empty, never show another tenant's rows.
 *
 * Successive queries in `fn` are separate statements (READ COMMITTED: each sees everything
 * committed before it started), so a later one sees at least what an earlier one did. Queries are
 * built with any kysely instance of the database (building does not touch a connection).
 */
export async function readInTenant<T>(
  database: Database,
  tenantId: string,
  fn: (reader: TenantReader) => Promise<T>,
): Promise<T> {
  const tenant = requireTenantId(tenantId);
  const fast = database.withTenantReader;
  if (fast !== undefined) {
    return fast(tenant, (execute) =>
      fn({
        execute: async <R>(query: { compile(): CompiledQuery<R> }) => (await execute(query.compile())) as R[],
      }),
    );
  }
  return withTenant(database, tenant, (trx) =>
    fn({
      execute: async <R>(query: { compile(): CompiledQuery<R> }) =>
        (await trx.executeQuery(query.compile())).rows,
    }),
  );
}

/**
 * Operator scope: the only cross-tenant read is listing tenants (policy `tenants_operator_read`).
 * Every other table still admits no rows here.
 */
export async function withOperator<T>(
  database: Database,
  fn: (trx: TenantTransaction) => Promise<T>,
): Promise<T> {
  return inTransaction(database, `select set_config('palyra.operator', 'on', true)`, fn);
}

function inTransaction<T>(
  database: Database,
  setup: string,
  fn: (trx: TenantTransaction) => Promise<T>,
): Promise<T> {
  return database.kysely.connection().execute(async (connection) => {
    let result: T;
    try {
      await sql.raw(`begin; ${setup}`).execute(connection);
      result = await fn(connection);
    } catch (error) {
      // A failed rollback means a broken connection; the original error is the one that matters.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(connection);
    return result;
  });
}
