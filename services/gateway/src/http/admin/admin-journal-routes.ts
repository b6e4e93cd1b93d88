import { LIMITS } from '@palyra/core';
import { Type } from 'typebox';
import { JournalEventJsonSchema, toJournalEventJson } from '../console/journal-json.js';
import type { HttpRoutes } from '../http-context.js';
import { ADMIN_TAGS, type AdminContext, adminPath, OPERATOR_ONLY } from './admin-context.js';
import { TenantId } from './admin-schemas.js';
import { requireTenant } from './admin-tenant-routes.js';

const RecentQuery = Type.Object(
  {
    tenant_id: TenantId,
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: LIMITS.pageSizeMax,
        description: `how many events, default ${LIMITS.pageSizeDefault}`,
      }),
    ),
  },
  { additionalProperties: false },
);

/** `GET /admin/v1/journal/recent`: a tenant's latest journal events across its sessions. */
export function adminJournalRoutes(context: AdminContext): HttpRoutes {
  const { tenants, journal } = context.repositories;
  return (app) => {
    app.get(
      adminPath('/journal/recent'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: "A tenant's most recent journal events, newest first",
          description:
            'Payloads are redacted as stored. Page through one session with the console journal routes.',
          tags: [ADMIN_TAGS.journal],
          querystring: RecentQuery,
          response: { 200: Type.Object({ items: Type.Array(JournalEventJsonSchema) }) },
        },
      },
      async (request) => {
        const tenant = await requireTenant(tenants, request.query.tenant_id);
        const events = await journal.readRecent(tenant.tenantId, {
          limit: request.query.limit ?? LIMITS.pageSizeDefault,
        });
        return { items: events.map(toJournalEventJson) };
      },
    );
  };
}
