import { createPublicKey, type KeyObject } from 'node:crypto';
import { type FieldViolation, PalyraError } from '@palyra/core';

/** JWT verification settings. Exactly one key source: `jwksUrl`, `publicKeyPem` or `secret`. */
export interface JwtConfig {
  /** PALYRA_JWT_JWKS_URL: fetched lazily, cached, refetched on an unknown `kid` (with cooldown). */
  readonly jwksUrl?: string;
  /** PALYRA_JWT_PUBLIC_KEY: PEM (SPKI public key or X.509 certificate). */
  readonly publicKeyPem?: string;
  /** PALYRA_JWT_SECRET: HMAC secret, at least 32 bytes. */
  readonly secret?: string;
  /** PALYRA_JWT_ISSUER: required, compared exactly with `iss`. */
  readonly issuer: string;
  /** PALYRA_JWT_AUDIENCE: required; the token's `aud` must contain one of these. */
  readonly audience: string | readonly string[];
  /** PALYRA_JWT_TENANT_CLAIM: claim carrying the tenant id. Default `tenant`. */
  readonly tenantClaim?: string;
  /** PALYRA_JWT_ALGORITHMS: narrows the allowlist of the key source; cannot widen it. */
  readonly algorithms?: readonly string[];
  /** PALYRA_JWT_CLOCK_TOLERANCE_SEC: skew allowed on exp/nbf. Default 30, at most 300. */
  readonly clockToleranceSec?: number;
  /** JWKS fetch timeout. Default 5000. */
  readonly jwksTimeoutMs?: number;
  /** Minimum time between JWKS refetches triggered by unknown `kid`s. Default 30000. */
  readonly jwksCooldownMs?: number;
  /** Maximum age of a cached JWKS before it is refetched. Default 600000. */
  readonly jwksCacheMaxAgeMs?: number;
}

/** What services map their env onto (see README). At least one credential must be configured. */
export interface AuthConfig {
  /** PALYRA_ADMIN_TOKEN: the operator token; at least 16 characters, no whitespace. */
  readonly adminToken?: string;
  /** PALYRA_ADMIN_BOUND_PRINCIPAL: when set, the admin token is valid only with this principal. */
  readonly adminBoundPrincipal?: string;
  readonly jwt?: JwtConfig;
}

export const DEFAULT_TENANT_CLAIM = 'tenant';
export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;
export const MAX_CLOCK_TOLERANCE_SEC = 300;
export const MIN_ADMIN_TOKEN_LENGTH = 16;
/** RFC 7518 3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_JWT_SECRET_BYTES = 32;

export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;
export const EC_ALGORITHMS = ['ES256', 'ES384', 'ES512'] as const;
export const EDDSA_ALGORITHMS = ['EdDSA', 'Ed25519'] as const;
export const ASYMMETRIC_ALGORITHMS = [...RSA_ALGORITHMS, ...EC_ALGORITHMS, ...EDDSA_ALGORITHMS] as const;
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export type JwtAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number] | (typeof HMAC_ALGORITHMS)[number];

/** Secrets are only HS256 unless the operator explicitly lists HS384/HS512. */
const DEFAULT_HMAC_ALGORITHMS: readonly JwtAlgorithm[] = ['HS256'];

const EC_ALGORITHM_OF_CURVE: Readonly<Record<string, JwtAlgorithm>> = {
  prime256v1: 'ES256',
  secp384r1: 'ES384',
  secp521r1: 'ES512',
};

export type JwtKeySource =
  | { readonly kind: 'jwks'; readonly url: URL }
  | { readonly kind: 'public_key'; readonly key: KeyObject }
  | { readonly kind: 'secret'; readonly key: Uint8Array };

export interface ResolvedJwtConfig {
  readonly source: JwtKeySource;
  readonly issuer: string;
  readonly audience: string[];
  readonly tenantClaim: string;
  readonly algorithms: readonly JwtAlgorithm[];
  readonly clockToleranceSec: number;
  readonly jwksTimeoutMs: number;
  readonly jwksCooldownMs: number;
  readonly jwksCacheMaxAgeMs: number;
}

export interface ResolvedAuthConfig {
  readonly adminToken: string | undefined;
  readonly adminBoundPrincipal: string | undefined;
  readonly jwt: ResolvedJwtConfig | undefined;
}

class Violations {
  readonly list: FieldViolation[] = [];
  add(field: string, variable: string | undefined, message: string): void {
    const name = variable === undefined ? field : `${field} (${variable})`;
    this.list.push({ field, code: 'invalid', message: `${name} ${message}` });
  }
}

/**
 * Validates the whole config and reports every problem in one CONFIG_INVALID error, so an
 * operator fixes them in one go. Nothing here is lenient: a typo in auth config must stop the
 * process rather than silently accept (or refuse) every caller.
 */
export function resolveAuthConfig(config: AuthConfig): ResolvedAuthConfig {
  const violations = new Violations();
  const adminToken = config.adminToken === '' ? undefined : config.adminToken;
  if (adminToken !== undefined) {
    if (adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
      violations.add(
        'adminToken',
        'PALYRA_ADMIN_TOKEN',
        `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`,
      );
    }
    if (/\s/.test(adminToken))
      violations.add('adminToken', 'PALYRA_ADMIN_TOKEN', 'must not contain whitespace');
  }
  let adminBoundPrincipal: string | undefined;
  if (config.adminBoundPrincipal !== undefined && config.adminBoundPrincipal !== '') {
    adminBoundPrincipal = config.adminBoundPrincipal.trim();
    if (adminBoundPrincipal === '') {
      violations.add('adminBoundPrincipal', 'PALYRA_ADMIN_BOUND_PRINCIPAL', 'must not be blank');
    }
    if (adminToken === undefined) {
      violations.add('adminBoundPrincipal', 'PALYRA_ADMIN_BOUND_PRINCIPAL', 'requires an admin token');
    }
  }
  const jwt = config.jwt === undefined ? undefined : resolveJwtConfig(config.jwt, violations);
  if (adminToken === undefined && config.jwt === undefined) {
    violations.list.push({
      field: 'auth',
      code: 'invalid',
      message: 'no credential is configured: set PALYRA_ADMIN_TOKEN and/or JWT verification',
    });
  }
  if (violations.list.length > 0) {
    throw new PalyraError(
      'CONFIG_INVALID',
      `invalid auth config: ${violations.list.map((v) => v.message).join('; ')}`,
      { violations: violations.list },
    );
  }
  return { adminToken, adminBoundPrincipal, jwt };
}

function resolveJwtConfig(config: JwtConfig, violations: Violations): ResolvedJwtConfig | undefined {
  const sources = [config.jwksUrl, config.publicKeyPem, config.secret].filter(
    (value) => value !== undefined && value !== '',
  );
  if (sources.length !== 1) {
    violations.add(
      'jwt',
      'PALYRA_JWT_JWKS_URL | PALYRA_JWT_PUBLIC_KEY | PALYRA_JWT_SECRET',
      'needs exactly one key source',
    );
  }
  const issuer = config.issuer?.trim() ?? '';
  if (issuer === '') violations.add('jwt.issuer', 'PALYRA_JWT_ISSUER', 'is required');
  const audience = (typeof config.audience === 'string' ? [config.audience] : [...(config.audience ?? [])])
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (audience.length === 0) violations.add('jwt.audience', 'PALYRA_JWT_AUDIENCE', 'is required');
  const tenantClaim = config.tenantClaim?.trim() || DEFAULT_TENANT_CLAIM;
  const clockToleranceSec = config.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  if (
    !Number.isFinite(clockToleranceSec) ||
    clockToleranceSec < 0 ||
    clockToleranceSec > MAX_CLOCK_TOLERANCE_SEC
  ) {
    violations.add(
      'jwt.clockToleranceSec',
      'PALYRA_JWT_CLOCK_TOLERANCE_SEC',
      `must be between 0 and ${MAX_CLOCK_TOLERANCE_SEC}`,
    );
  }
  const jwksTimeoutMs = durationMs(config.jwksTimeoutMs, 5_000, 'jwt.jwksTimeoutMs', violations);
  const jwksCooldownMs = durationMs(config.jwksCooldownMs, 30_000, 'jwt.jwksCooldownMs', violations);
  const jwksCacheMaxAgeMs = durationMs(
    config.jwksCacheMaxAgeMs,
    600_000,
    'jwt.jwksCacheMaxAgeMs',
    violations,
  );

  const source = sources.length === 1 ? resolveKeySource(config, violations) : undefined;
  const algorithms = source === undefined ? [] : resolveAlgorithms(config.algorithms, source, violations);
  if (source === undefined) return undefined;
  return {
    source,
    issuer,
    audience,
    tenantClaim,
    algorithms,
    clockToleranceSec,
    jwksTimeoutMs,
    jwksCooldownMs,
    jwksCacheMaxAgeMs,
  };
}

function durationMs(value: number | undefined, fallback: number, field: string, violations: Violations) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    violations.add(field, undefined, 'must be a non-negative integer of milliseconds');
    return fallback;
  }
  return value;
}

function resolveKeySource(config: JwtConfig, violations: Violations): JwtKeySource | undefined {
  if (config.jwksUrl) {
    let url: URL;
    try {
      url = new URL(config.jwksUrl);
    } catch {
      violations.add('jwt.jwksUrl', 'PALYRA_JWT_JWKS_URL', 'must be an absolute URL');
      return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      violations.add('jwt.jwksUrl', 'PALYRA_JWT_JWKS_URL', 'must be an http(s) URL');
      return undefined;
    }
    return { kind: 'jwks', url };
  }
  if (config.publicKeyPem) {
    let key: KeyObject;
    try {
      key = createPublicKey(config.publicKeyPem);
    } catch {
      violations.add('jwt.publicKeyPem', 'PALYRA_JWT_PUBLIC_KEY', 'must be a PEM public key or certificate');
      return undefined;
    }
    return { kind: 'public_key', key };
  }
  const secret = new TextEncoder().encode(config.secret ?? '');
  if (secret.byteLength < MIN_JWT_SECRET_BYTES) {
    violations.add('jwt.secret', 'PALYRA_JWT_SECRET', `must be at least ${MIN_JWT_SECRET_BYTES} bytes`);
    return undefined;
  }
  return { kind: 'secret', key: secret };
}

/** The algorithms a key source can ever verify. HMAC and asymmetric never mix. */
function algorithmsOfSource(source: JwtKeySource): readonly JwtAlgorithm[] {
  switch (source.kind) {
    case 'jwks':
      return ASYMMETRIC_ALGORITHMS;
    case 'secret':
      return HMAC_ALGORITHMS;
    case 'public_key': {
      switch (source.key.asymmetricKeyType) {
        case 'rsa':
          return RSA_ALGORITHMS;
        case 'rsa-pss':
          return RSA_ALGORITHMS.filter((alg) => alg.startsWith('PS'));
        case 'ec': {
          const curve = source.key.asymmetricKeyDetails?.namedCurve;
          const alg = curve === undefined ? undefined : EC_ALGORITHM_OF_CURVE[curve];
          return alg === undefined ? [] : [alg];
        }
        case 'ed25519':
          return EDDSA_ALGORITHMS;
        default:
          return [];
      }
    }
  }
}

function resolveAlgorithms(
  configured: readonly string[] | undefined,
  source: JwtKeySource,
  violations: Violations,
): JwtAlgorithm[] {
  const supported = algorithmsOfSource(source);
  if (supported.length === 0) {
    violations.add('jwt.publicKeyPem', 'PALYRA_JWT_PUBLIC_KEY', 'has an unsupported key type');
    return [];
  }
  const requested = configured?.map((alg) => alg.trim()).filter((alg) => alg !== '');
  if (requested === undefined || requested.length === 0) {
    return [...(source.kind === 'secret' ? DEFAULT_HMAC_ALGORITHMS : supported)];
  }
  const allowed: JwtAlgorithm[] = [];
  for (const alg of requested) {
    const match = supported.find((candidate) => candidate === alg);
    if (match === undefined) {
      violations.add(
        'jwt.algorithms',
        'PALYRA_JWT_ALGORITHMS',
        `contains ${JSON.stringify(alg)}, which this key source cannot verify (allowed: ${supported.join(', ')})`,
      );
    } else if (!allowed.includes(match)) {
      allowed.push(match);
    }
  }
  return allowed;
}
