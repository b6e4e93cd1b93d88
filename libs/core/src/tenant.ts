import { invalidArgument } from './errors.js';

// Tenant ids appear in NATS subjects and Postgres settings, so they are plain lower-case tokens.
const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const DEFAULT_TENANT_ID = 'default';

export function isTenantId(value: string): boolean {
  return TENANT_ID.test(value);
}

export function requireTenantId(value: string | null | undefined, field = 'tenant_id'): string {
  if (value === undefined || value === null || value === '')
    throw invalidArgument(field, `${field} is required`);
  if (!isTenantId(value)) {
    throw invalidArgument(
      field,
      `${field} must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit`,
    );
  }
  return value;
}
