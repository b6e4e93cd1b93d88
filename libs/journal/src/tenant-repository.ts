import { invalidArgument, PalyraError, requireTenantId } from '@palyra/core';
import type { Selectable } from 'kysely';
import type { Database } from './database.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';
import { TENANT_STATUSES, type TenantRecord, type TenantRepository, type TenantStatus } from './ports.js';
import type { TenantsTable } from './schema.js';
import { withOperator, withTenant } from './tenant-scope.js';

export function createTenantRepository(database: Database): TenantRepository {
  return {
    async ensure(tenantId, options = {}) {
      return withTenant(database, tenantId, async (trx) => {
        await trx
          .insertInto('tenants')
          .values({ tenant_id: tenantId, display_name: options.displayName ?? tenantId })
          .onConflict((oc) => oc.column('tenant_id').doNothing())
          .execute();
        const row = await trx
          .selectFrom('tenants')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow();
        return toTenantRecord(row);
      });
    },

    async get(tenantId) {
      const row = await withTenant(database, tenantId, (trx) =>
        trx.selectFrom('tenants').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),
      );
      return row === undefined ? null : toTenantRecord(row);
    },

    async list(options = {}) {
      const limit = pageLimit(options.limit);
      const after = decodeCursor(options.cursor);
      if (after !== undefined) requireTenantId(after, 'cursor');
      const rows = await withOperator(database, (trx) => {
        const query = trx
          .selectFrom('tenants')
          .selectAll()
          .orderBy('tenant_id')
          .limit(limit + 1);
        return (after === undefined ? query : query.where('tenant_id', '>', after)).execute();
      });
      const items = rows.slice(0, limit).map(toTenantRecord);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.tenantId) : null };
    },

    async setStatus(tenantId, status) {
      requireTenantId(tenantId);
      if (!TENANT_STATUSES.includes(status)) {
        throw invalidArgument('status', `status must be one of ${TENANT_STATUSES.join(', ')}`);
      }
      // An operator acts from outside the tenant: operator scope, admitted by tenants_operator_update.
      const row = await withOperator(database, (trx) =>
        trx
          .updateTable('tenants')
          .set({ status })
          .where('tenant_id', '=', tenantId)
          .returningAll()
          .executeTakeFirst(),
      );
      if (row === undefined) {
        throw new PalyraError('NOT_FOUND', `tenant ${tenantId} not found`, { details: { tenantId } });
      }
      return toTenantRecord(row);
    },
  };
}

function toTenantRecord(row: Selectable<TenantsTable>): TenantRecord {
  return {
    tenantId: row.tenant_id,
    displayName: row.display_name,
    status: row.status as TenantStatus,
    createdAt: row.created_at,
  };
}
