import { permissionDenied } from './errors.js';

export const CREDENTIAL_KINDS = ['admin_token', 'jwt', 'api_key'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const ADMIN_ROLE = 'admin';
/** Principals with this prefix are tenant admins, as in Palyra v1. */
export const ADMIN_PRINCIPAL_PREFIX = 'admin:';
/** The operator's principal when the admin token comes without `x-palyra-principal`. */
export const OPERATOR_PRINCIPAL = 'operator';

/** Who is calling, established once per call (or stream) and passed down explicitly. */
export interface CallerContext {
  readonly tenantId: string;
  readonly principal: string;
  readonly deviceId: string;
  readonly channel: string | undefined;
  readonly roles: readonly string[];
  readonly credential: CredentialKind;
  /** The JWT `sub`; undefined for the admin token and API keys. */
  readonly subject?: string;
  /** The API key's id; undefined for other credentials. */
  readonly keyId?: string;
  readonly isAdmin: boolean;
}

/** The operator of the deployment (`/admin/v1`): above every tenant, bound to none. */
export interface OperatorContext {
  readonly principal: string;
  readonly credential: 'admin_token';
}

/** Throws PERMISSION_DENIED unless the caller is an admin of its tenant (or the operator). */
export function requireAdmin(context: CallerContext): CallerContext {
  if (!context.isAdmin) throw permissionDenied('admin role required');
  return context;
}
