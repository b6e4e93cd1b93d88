import { requireTenantId } from '@palyra/core';
import { type Kysely, sql } from 'kysely';
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
