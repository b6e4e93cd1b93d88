import { DEFAULT_TENANT_ID, isCanonicalUlid, isPalyraError, requireTenantId } from '@palyra/core';
import { createAdminTokenMatcher } from './admin-token.js';
import { type AuthConfig, resolveAuthConfig } from './auth-config.js';
import { ADMIN_PRINCIPAL_PREFIX, ADMIN_ROLE, type CallerContext } from './caller-context.js';
import { permissionDenied } from './errors.js';
import type { HeaderLookup } from './header-lookup.js';
import { createJwtVerifier, INVALID_CREDENTIAL_MESSAGE } from './jwt-verifier.js';

/** Header (and gRPC metadata) names, lower case. */
export const AUTH_HEADERS = {
  authorization: 'authorization',
  principal: 'x-palyra-principal',
  deviceId: 'x-palyra-device-id',
  channel: 'x-palyra-channel',
  tenant: 'x-palyra-tenant',
} as const;

/** Larger bearer values are rejected before any parsing or crypto work. */
export const MAX_BEARER_TOKEN_LENGTH = 8192;

export interface Authenticator {
  /**
   * Authenticates one call. Rejects with PalyraError PERMISSION_DENIED for every caller-side
   * failure, or UNAVAILABLE when the configured JWKS cannot be fetched. Transports skip it only
   * for unauthenticated methods (GetHealth, grpc.health.v1).
   */
  authenticate(getHeader: HeaderLookup): Promise<CallerContext>;
}

interface ContextHeaders {
  readonly principal: string | undefined;
  readonly deviceId: string;
  readonly channel: string | undefined;
  readonly tenant: string | undefined;
}

const BEARER = /^Bearer +(\S+)$/i;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ADMIN_ROLES: readonly string[] = Object.freeze([ADMIN_ROLE]);

/**
 * Builds an authenticator from a validated config. Throws CONFIG_INVALID listing every problem.
 * Construction does no I/O: a JWKS is fetched on first use and then cached.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
  const resolved = resolveAuthConfig(config);
  const admin = resolved.adminToken === undefined ? undefined : createAdminTokenMatcher(resolved.adminToken);
  const jwt = resolved.jwt === undefined ? undefined : createJwtVerifier(resolved.jwt);
  const { adminBoundPrincipal } = resolved;

  return {
    async authenticate(getHeader) {
      const token = readBearerToken(getHeader(AUTH_HEADERS.authorization));
      // Cheap header checks first, so malformed calls cost no crypto.
      const headers = readContextHeaders(getHeader);

      if (admin?.matches(token)) {
        const principal = headers.principal;
        if (principal === undefined) throw permissionDenied(`${AUTH_HEADERS.principal} is required`);
        if (adminBoundPrincipal !== undefined && principal !== adminBoundPrincipal) {
          throw permissionDenied('admin token is bound to another principal');
        }
        return Object.freeze({
          tenantId: headers.tenant ?? DEFAULT_TENANT_ID,
          principal,
          deviceId: headers.deviceId,
          channel: headers.channel,
          roles: ADMIN_ROLES,
          credential: 'admin_token',
          isAdmin: true,
        } satisfies CallerContext);
      }

      if (jwt === undefined || !COMPACT_JWS.test(token)) throw permissionDenied(INVALID_CREDENTIAL_MESSAGE);
      const claims = await jwt.verify(token);
      if (headers.principal !== undefined && headers.principal !== claims.subject) {
        throw permissionDenied(`token subject does not match ${AUTH_HEADERS.principal}`);
      }
      if (headers.tenant !== undefined && headers.tenant !== claims.tenantId) {
        throw permissionDenied(`${AUTH_HEADERS.tenant} does not match the token tenant`);
      }
      const principal = headers.principal ?? claims.subject;
      return Object.freeze({
        tenantId: claims.tenantId,
        principal,
        deviceId: headers.deviceId,
        channel: headers.channel,
        roles: Object.freeze([...claims.roles]),
        credential: 'jwt',
        subject: claims.subject,
        isAdmin: claims.roles.includes(ADMIN_ROLE) || principal.startsWith(ADMIN_PRINCIPAL_PREFIX),
      } satisfies CallerContext);
    },
  };
}

function readBearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw permissionDenied('missing authorization header');
  }
  const token = BEARER.exec(authorization.trim())?.[1];
  if (token === undefined) throw permissionDenied('authorization must be a Bearer token');
  if (token.length > MAX_BEARER_TOKEN_LENGTH) throw permissionDenied('bearer token is too long');
  return token;
}

function readContextHeaders(getHeader: HeaderLookup): ContextHeaders {
  const rawPrincipal = getHeader(AUTH_HEADERS.principal);
  const principal = rawPrincipal?.trim();
  if (principal === '') throw permissionDenied(`${AUTH_HEADERS.principal} must not be empty`);

  const deviceId = getHeader(AUTH_HEADERS.deviceId);
  if (deviceId === undefined || deviceId === '')
    throw permissionDenied(`${AUTH_HEADERS.deviceId} is required`);
  if (!isCanonicalUlid(deviceId)) throw permissionDenied(`${AUTH_HEADERS.deviceId} must be a canonical ULID`);

  const channel = getHeader(AUTH_HEADERS.channel)?.trim();
  if (channel === '') throw permissionDenied(`${AUTH_HEADERS.channel} must not be empty`);

  const rawTenant = getHeader(AUTH_HEADERS.tenant);
  let tenant: string | undefined;
  if (rawTenant !== undefined) {
    try {
      tenant = requireTenantId(rawTenant.trim(), AUTH_HEADERS.tenant);
    } catch (error) {
      // Same message as everywhere else, but an auth failure: PERMISSION_DENIED.
      throw permissionDenied(isPalyraError(error) ? error.message : `${AUTH_HEADERS.tenant} is invalid`);
    }
  }
  return { principal, deviceId, channel, tenant };
}
