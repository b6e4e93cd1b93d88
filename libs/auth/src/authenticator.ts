import {
  DEFAULT_TENANT_ID,
  isCanonicalUlid,
  isPalyraError,
  PalyraError,
  requireTenantId,
} from '@palyra/core';
import { createAdminTokenMatcher } from './admin-token.js';
import { type ApiKeyVerifier, looksLikeApiKey, parseApiKey } from './api-key.js';
import { type AuthConfig, resolveAuthConfig } from './auth-config.js';
import {
  ADMIN_PRINCIPAL_PREFIX,
  ADMIN_ROLE,
  type CallerContext,
  OPERATOR_PRINCIPAL,
  type OperatorContext,
} from './caller-context.js';
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

export const MISSING_AUTHORIZATION_MESSAGE = 'missing authorization header';

export interface Authenticator {
  /**
   * Authenticates one call. Rejects with PalyraError PERMISSION_DENIED for every caller-side
   * failure, or UNAVAILABLE when the configured JWKS cannot be fetched. Transports skip it only
   * for unauthenticated methods (GetHealth, grpc.health.v1).
   */
  authenticate(getHeader: HeaderLookup): Promise<CallerContext>;
  /**
   * The operator surface (`/admin/v1`): the admin token and nothing else (a tenant admin's JWT or
   * API key is refused). UNAUTHENTICATED when no credential was sent, PERMISSION_DENIED for any
   * other failure. Context headers are optional: `x-palyra-principal` names the operator in
   * audit records (default `operator`), and must be the bound principal when one is configured.
   */
  authenticateOperator(getHeader: HeaderLookup): OperatorContext;
}

/** Ports the authenticator calls out to; each is optional and enables one credential kind. */
export interface AuthenticatorPorts {
  /** Enables per-tenant API keys (`pk_<tenant>_<key_id>_<secret>`). */
  readonly apiKeys?: ApiKeyVerifier;
}

interface ContextHeaders {
  readonly principal: string | undefined;
  /** Required for the admin token and JWTs; API keys default it to the key id. */
  readonly deviceId: string | undefined;
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
export function createAuthenticator(config: AuthConfig, ports: AuthenticatorPorts = {}): Authenticator {
  const resolved = resolveAuthConfig(config);
  const admin = resolved.adminToken === undefined ? undefined : createAdminTokenMatcher(resolved.adminToken);
  const jwt = resolved.jwt === undefined ? undefined : createJwtVerifier(resolved.jwt);
  const { adminBoundPrincipal } = resolved;
  const { apiKeys } = ports;

  const checkBoundPrincipal = (principal: string | undefined): void => {
    if (adminBoundPrincipal !== undefined && principal !== adminBoundPrincipal) {
      throw permissionDenied('admin token is bound to another principal');
    }
  };

  const authenticateApiKey = async (token: string, headers: ContextHeaders): Promise<CallerContext> => {
    if (apiKeys === undefined) throw permissionDenied('API keys are not accepted by this server');
    const parsed = parseApiKey(token);
    if (parsed === undefined) throw permissionDenied('API key is malformed');
    if (headers.tenant !== undefined && headers.tenant !== parsed.tenantId) {
      throw permissionDenied(`${AUTH_HEADERS.tenant} does not match the API key tenant`);
    }
    const key = await apiKeys.verify(parsed.tenantId, parsed.keyId, parsed.secret);
    if (key === null) throw permissionDenied('API key is unknown or revoked');
    if (headers.principal !== undefined && headers.principal !== key.principal) {
      throw permissionDenied(`API key principal does not match ${AUTH_HEADERS.principal}`);
    }
    return Object.freeze({
      tenantId: parsed.tenantId,
      principal: key.principal,
      // Machines often have no device notion; the key id is a stable ULID, so their sessions
      // stay the same across calls unless they choose a device themselves.
      deviceId: headers.deviceId ?? parsed.keyId,
      channel: headers.channel,
      roles: Object.freeze([...key.roles]),
      credential: 'api_key',
      keyId: parsed.keyId,
      isAdmin: key.roles.includes(ADMIN_ROLE) || key.principal.startsWith(ADMIN_PRINCIPAL_PREFIX),
    } satisfies CallerContext);
  };

  return {
    async authenticate(getHeader) {
      const token = readBearerToken(getHeader(AUTH_HEADERS.authorization));
      // Cheap header checks first, so malformed calls cost no crypto.
      const headers = readContextHeaders(getHeader);

      if (admin?.matches(token)) {
        const deviceId = requireDeviceId(headers);
        const principal = headers.principal;
        if (principal === undefined) throw permissionDenied(`${AUTH_HEADERS.principal} is required`);
        checkBoundPrincipal(principal);
        return Object.freeze({
          tenantId: headers.tenant ?? DEFAULT_TENANT_ID,
          principal,
          deviceId,
          channel: headers.channel,
          roles: ADMIN_ROLES,
          credential: 'admin_token',
          isAdmin: true,
        } satisfies CallerContext);
      }

      if (looksLikeApiKey(token)) return authenticateApiKey(token, headers);

      const deviceId = requireDeviceId(headers);
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
        deviceId,
        channel: headers.channel,
        roles: Object.freeze([...claims.roles]),
        credential: 'jwt',
        subject: claims.subject,
        isAdmin: claims.roles.includes(ADMIN_ROLE) || principal.startsWith(ADMIN_PRINCIPAL_PREFIX),
      } satisfies CallerContext);
    },

    authenticateOperator(getHeader) {
      const authorization = getHeader(AUTH_HEADERS.authorization);
      if (authorization === undefined || authorization.trim() === '') {
        throw new PalyraError('UNAUTHENTICATED', MISSING_AUTHORIZATION_MESSAGE);
      }
      const token = readBearerToken(authorization);
      if (admin === undefined) throw permissionDenied('no operator admin token is configured');
      if (!admin.matches(token)) throw permissionDenied('the operator admin token is required');
      const principal = getHeader(AUTH_HEADERS.principal)?.trim();
      if (principal === '') throw permissionDenied(`${AUTH_HEADERS.principal} must not be empty`);
      if (principal === undefined && adminBoundPrincipal !== undefined) {
        throw permissionDenied(`${AUTH_HEADERS.principal} is required`);
      }
      checkBoundPrincipal(principal);
      return Object.freeze({ principal: principal ?? OPERATOR_PRINCIPAL, credential: 'admin_token' });
    },
  };
}

function readBearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw permissionDenied(MISSING_AUTHORIZATION_MESSAGE);
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

  const rawDeviceId = getHeader(AUTH_HEADERS.deviceId);
  const deviceId = rawDeviceId === '' ? undefined : rawDeviceId;
  if (deviceId !== undefined && !isCanonicalUlid(deviceId)) {
    throw permissionDenied(`${AUTH_HEADERS.deviceId} must be a canonical ULID`);
  }

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

function requireDeviceId(headers: ContextHeaders): string {
  if (headers.deviceId === undefined) throw permissionDenied(`${AUTH_HEADERS.deviceId} is required`);
  return headers.deviceId;
}
