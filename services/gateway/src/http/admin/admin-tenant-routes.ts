import { PalyraError } from '@palyra/core';
import type { TenantRecord, TenantRepository, TenantStatus } from '@palyra/journal';
import { Type } from 'typebox';
import { NOT_BLANK_PATTERN } from '../error-envelope.js';
import type { HttpApp, HttpRoutes } from '../http-context.js';
import { PageQuerySchema, pageRequest, pageSchema } from '../paging.js';
import { ADMIN_TAGS, type AdminContext, adminPath, OPERATOR_ONLY } from './admin-context.js';
import { TenantId, TenantIdParams, TenantJsonSchema, toTenantJson } from './admin-schemas.js';

const tags = [ADMIN_TAGS.tenants];

const CreateTenantBody = Type.Object(
  {
    tenant_id: TenantId,
    display_name: Type.Optional(
      Type.String({ maxLength: 256, pattern: NOT_BLANK_PATTERN, description: 'default: the tenant id' }),
    ),
  },
  { additionalProperties: false },
);

/** A tenant or NOT_FOUND naming it. */
export async function requireTenant(tenants: TenantRepository, tenantId: string): Promise<TenantRecord> {
  const tenant = await tenants.get(tenantId);
  if (tenant === null)
    throw new PalyraError('NOT_FOUND', `tenant ${tenantId} not found`, { details: { tenantId } });
  return tenant;
}

function statusRoute(
  app: HttpApp,
  context: AdminContext,
  action: 'suspend' | 'resume',
  status: TenantStatus,
): void {
  app.post(
    adminPath(`/tenants/:tenant_id/${action}`),
    {
      config: OPERATOR_ONLY,
      schema: {
        summary:
          action === 'suspend'
            ? 'Suspend a tenant: its callers get 403 "tenant is suspended" (every replica within 30 s)'
            : 'Resume a suspended tenant',
        tags,
        params: TenantIdParams,
        response: { 200: TenantJsonSchema },
      },
    },
    async (request) => {
      const tenant = await context.repositories.tenants.setStatus(request.params.tenant_id, status);
      context.onTenantStatusChanged(tenant.tenantId);
      return toTenantJson(tenant);
    },
  );
}

/** Tenants: create, list (cursor paging by id), get, suspend and resume. */
export function adminTenantRoutes(context: AdminContext): HttpRoutes {
  const { tenants } = context.repositories;
  return (app) => {
    app.post(
      adminPath('/tenants'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'Create a tenant',
          description: 'ALREADY_EXISTS (409) when the id is taken.',
          tags,
          body: CreateTenantBody,
          response: { 201: TenantJsonSchema },
        },
      },
      async (request, reply) => {
        const { tenant_id: tenantId, display_name: displayName } = request.body;
        if ((await tenants.get(tenantId)) !== null) {
          throw new PalyraError('ALREADY_EXISTS', `tenant ${tenantId} already exists`, {
            details: { tenantId },
          });
        }
        const tenant = await tenants.ensure(
          tenantId,
          displayName === undefined ? {} : { displayName: displayName.trim() },
        );
        return reply.status(201).send(toTenantJson(tenant));
      },
    );

    app.get(
      adminPath('/tenants'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'List tenants by id',
          tags,
          querystring: PageQuerySchema,
          response: { 200: pageSchema(TenantJsonSchema) },
        },
      },
      async (request) => {
        const page = await tenants.list(pageRequest(request.query));
        return { items: page.items.map(toTenantJson), next_cursor: page.nextCursor };
      },
    );

    app.get(
      adminPath('/tenants/:tenant_id'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'Get a tenant',
          tags,
          params: TenantIdParams,
          response: { 200: TenantJsonSchema },
        },
      },
      async (request) => toTenantJson(await requireTenant(tenants, request.params.tenant_id)),
    );

    statusRoute(app, context, 'suspend', 'suspended');
    statusRoute(app, context, 'resume', 'active');
  };
}
