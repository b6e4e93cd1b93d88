import { mintApiKey } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import { Type } from 'typebox';
import { NOT_BLANK_PATTERN } from '../error-envelope.js';
import type { HttpRoutes } from '../http-context.js';
import { PageQuerySchema, pageRequest, pageSchema } from '../paging.js';
import { ADMIN_TAGS, type AdminContext, adminPath, OPERATOR_ONLY } from './admin-context.js';
import { ApiKeyJsonSchema, TenantIdParams, toApiKeyJson } from './admin-schemas.js';
import { requireTenant } from './admin-tenant-routes.js';

const tags = [ADMIN_TAGS.apiKeys];

/** The default principal of a key: its calls are attributable to the key in every record. */
export const API_KEY_PRINCIPAL_PREFIX = 'apikey:';

const ULID_PATTERN = '^[0-7][0-9A-HJKMNP-TV-Z]{25}$';

const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ maxLength: 128, pattern: NOT_BLANK_PATTERN, description: 'what the key is for' }),
    principal: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        pattern: '^\\S(.*\\S)?$',
        description: 'who calls made with the key act as; default `apikey:<key_id>`',
      }),
    ),
    roles: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z0-9:._-]{1,64}$' }), {
        maxItems: 32,
        uniqueItems: true,
        description: 'roles the key grants in its tenant, e.g. `admin`; default none',
      }),
    ),
  },
  { additionalProperties: false },
);

const CreatedApiKeySchema = Type.Object({
  key: ApiKeyJsonSchema,
  secret: Type.String({
    description:
      'The API key to send as `Authorization: Bearer <secret>`. Shown only in this response: only a hash is stored.',
  }),
});

const ApiKeyParams = Type.Object(
  { tenant_id: TenantIdParams.properties.tenant_id, key_id: Type.String({ pattern: ULID_PATTERN }) },
  { additionalProperties: false },
);

/** Per-tenant API keys: create (the secret is returned once), list, revoke. */
export function adminApiKeyRoutes(context: AdminContext): HttpRoutes {
  const { tenants, apiKeys } = context.repositories;
  return (app) => {
    app.post(
      adminPath('/tenants/:tenant_id/api-keys'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'Create an API key for a tenant; the response is the only time its secret is shown',
          tags,
          params: TenantIdParams,
          body: CreateApiKeyBody,
          response: { 201: CreatedApiKeySchema },
        },
      },
      async (request, reply) => {
        const tenant = await requireTenant(tenants, request.params.tenant_id);
        const minted = mintApiKey(tenant.tenantId);
        const key = await apiKeys.create(tenant.tenantId, {
          keyId: minted.keyId,
          name: request.body.name.trim(),
          principal: request.body.principal ?? `${API_KEY_PRINCIPAL_PREFIX}${minted.keyId}`,
          roles: request.body.roles ?? [],
          secretHash: minted.secretHash,
        });
        reply.header('cache-control', 'no-store');
        return reply.status(201).send({ key: toApiKeyJson(key), secret: minted.token });
      },
    );

    app.get(
      adminPath('/tenants/:tenant_id/api-keys'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: "List a tenant's API keys (revoked ones included, secrets never)",
          tags,
          params: TenantIdParams,
          querystring: PageQuerySchema,
          response: { 200: pageSchema(ApiKeyJsonSchema) },
        },
      },
      async (request) => {
        const tenant = await requireTenant(tenants, request.params.tenant_id);
        const page = await apiKeys.list(tenant.tenantId, pageRequest(request.query));
        return { items: page.items.map(toApiKeyJson), next_cursor: page.nextCursor };
      },
    );

    app.delete(
      adminPath('/tenants/:tenant_id/api-keys/:key_id'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'Revoke an API key (at once, on every replica); revoking twice keeps the first time',
          tags,
          params: ApiKeyParams,
          response: { 200: ApiKeyJsonSchema },
        },
      },
      async (request) => {
        const { tenant_id: tenantId, key_id: keyId } = request.params;
        await requireTenant(tenants, tenantId);
        try {
          return toApiKeyJson(await apiKeys.revoke(tenantId, keyId));
        } catch (error) {
          if (error instanceof PalyraError && error.code === 'NOT_FOUND') {
            throw new PalyraError('NOT_FOUND', `API key ${keyId} not found in tenant ${tenantId}`, {
              details: { tenantId, keyId },
              cause: error,
            });
          }
          throw error;
        }
      },
    );
  };
}
