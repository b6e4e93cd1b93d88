import { isPalyraError, isTenantId, PalyraError } from '@palyra/core';
import {
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  type KeyObject,
} from 'jose';
import type { ResolvedJwtConfig } from './auth-config.js';
import { permissionDenied } from './errors.js';

/** The claims the authenticator uses, already validated. */
export interface VerifiedJwt {
  readonly subject: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
}

export interface JwtVerifier {
  verify(token: string): Promise<VerifiedJwt>;
}

export const INVALID_CREDENTIAL_MESSAGE = 'invalid admin token or JWT';

export function createJwtVerifier(config: ResolvedJwtConfig): JwtVerifier {
  const key = verificationKey(config);
  const options = {
    // The allowlist is checked against the header before any key is resolved or used, so
    // `alg: none` and HS* tokens against an asymmetric key fail here and never reach crypto.
    algorithms: [...config.algorithms],
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockToleranceSec,
    requiredClaims: ['exp', 'sub'],
  };
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, options));
      } catch (error) {
        throw toAuthError(error);
      }
      return {
        subject: readSubject(payload),
        tenantId: readTenant(payload, config.tenantClaim),
        roles: readRoles(payload),
      };
    },
  };
}

type VerificationKey = KeyObject | Uint8Array | JWTVerifyGetKey;

function verificationKey(config: ResolvedJwtConfig): VerificationKey {
  const { source } = config;
  if (source.kind !== 'jwks') return source.key;
  const remote = createRemoteJWKSet(source.url, {
    timeoutDuration: config.jwksTimeoutMs,
    cooldownDuration: config.jwksCooldownMs,
    cacheMaxAge: config.jwksCacheMaxAgeMs,
  });
  // An unreachable or broken key set is the server's problem, not the caller's: report it as
  // UNAVAILABLE (retryable) instead of blaming the token.
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      throw new PalyraError('UNAVAILABLE', 'JWT key set is unavailable', { cause: error });
    }
  };
}

/** Maps jose's failures onto caller-safe messages; jose's own messages are not exposed. */
function toAuthError(error: unknown): PalyraError {
  if (isPalyraError(error)) return error;
  if (error instanceof errors.JWTExpired) return permissionDenied('token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return permissionDenied('token is not yet valid');
      case 'iss':
        return permissionDenied('token issuer mismatch');
      case 'aud':
        return permissionDenied('token audience mismatch');
      case 'exp':
        return permissionDenied(
          error.reason === 'missing' ? 'token has no expiry' : 'token expiry is invalid',
        );
      case 'sub':
        return permissionDenied('token has no subject');
      default:
        return permissionDenied('token claims are invalid');
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return permissionDenied('token algorithm is not allowed');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return permissionDenied('token signature is invalid');
  }
  if (error instanceof errors.JWKSNoMatchingKey) return permissionDenied('token signing key is not trusted');
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return permissionDenied('token does not identify a single signing key');
  }
  // Malformed tokens, unsupported headers, and anything unexpected: fail closed.
  return permissionDenied(INVALID_CREDENTIAL_MESSAGE);
}

function readSubject(payload: JWTPayload): string {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
    throw permissionDenied('token has no subject');
  }
  return payload.sub;
}

function readTenant(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (value === undefined || value === null || value === '') {
    throw permissionDenied('token is missing the tenant claim');
  }
  if (typeof value !== 'string' || !isTenantId(value)) {
    throw permissionDenied('token tenant claim is not a valid tenant id');
  }
  return value;
}

/** Roles are the union of `roles` (array of strings) and `scope` (space-separated), de-duplicated. */
function readRoles(payload: JWTPayload): readonly string[] {
  const roles = new Set<string>();
  const { roles: rolesClaim, scope } = payload;
  if (rolesClaim !== undefined) {
    if (!Array.isArray(rolesClaim) || rolesClaim.some((role) => typeof role !== 'string')) {
      throw permissionDenied('token roles claim must be an array of strings');
    }
    for (const role of rolesClaim as string[]) if (role.trim() !== '') roles.add(role.trim());
  }
  if (scope !== undefined) {
    if (typeof scope !== 'string') throw permissionDenied('token scope claim must be a string');
    for (const role of scope.split(' ')) if (role.trim() !== '') roles.add(role.trim());
  }
  return [...roles];
}
