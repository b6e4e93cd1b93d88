import type { ApiKeyRecord, TenantRecord } from '@palyra/journal';
import { type Static, Type } from 'typebox';

/** Tenant ids as everywhere: 1-63 of [a-z0-9_-], starting with a letter or digit. */
export const TenantId = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
  description: 'a tenant id: 1-63 characters of a-z, 0-9, _ and -, starting with a letter or digit',
});

export const TenantIdParams = Type.Object({ tenant_id: TenantId }, { additionalProperties: false });

export const UnixMs = Type.Integer({ minimum: 0, description: 'milliseconds since the Unix epoch' });

export const TenantJsonSchema = Type.Object({
  tenant_id: TenantId,
  display_name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  created_at_unix_ms: UnixMs,
});
export type TenantJson = Static<typeof TenantJsonSchema>;

export function toTenantJson(tenant: TenantRecord): TenantJson {
  return {
    tenant_id: tenant.tenantId,
    display_name: tenant.displayName,
    status: tenant.status,
    created_at_unix_ms: tenant.createdAt.getTime(),
  };
}

/** An API key as listed: never its secret nor the secret's hash. */
export const ApiKeyJsonSchema = Type.Object({
  tenant_id: TenantId,
  key_id: Type.String({ description: 'a ULID; also the second part of the key itself' }),
  name: Type.String(),
  principal: Type.String(),
  roles: Type.Array(Type.String()),
  created_at_unix_ms: UnixMs,
  last_used_at_unix_ms: Type.Union([UnixMs, Type.Null()]),
  revoked_at_unix_ms: Type.Union([UnixMs, Type.Null()]),
});
export type ApiKeyJson = Static<typeof ApiKeyJsonSchema>;

export function toApiKeyJson(key: ApiKeyRecord): ApiKeyJson {
  return {
    tenant_id: key.tenantId,
    key_id: key.keyId,
    name: key.name,
    principal: key.principal,
    roles: [...key.roles],
    created_at_unix_ms: key.createdAt.getTime(),
    last_used_at_unix_ms: key.lastUsedAt?.getTime() ?? null,
    revoked_at_unix_ms: key.revokedAt?.getTime() ?? null,
  };
}
