import { invalidArgument, newId, requireTenantId } from '@palyra/core';
import { SignJWT } from 'jose';
import { DEFAULT_TENANT_CLAIM, MIN_JWT_SECRET_BYTES } from './auth-config.js';

export interface DevelopmentTokenOptions {
  /** The gateway's PALYRA_JWT_SECRET (at least 32 bytes). */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly tenant: string;
  readonly subject: string;
  readonly roles?: readonly string[];
  /** Default 3600; at most 30 days. */
  readonly ttlSeconds?: number;
  /** Default `tenant`; must match the gateway's PALYRA_JWT_TENANT_CLAIM. */
  readonly tenantClaim?: string;
  /** Issue time, for tests. Default now. */
  readonly now?: Date;
}

export const DEFAULT_DEVELOPMENT_TOKEN_TTL_SECONDS = 3600;
const MAX_DEVELOPMENT_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Mints an HS256 JWT that a gateway configured with the same secret, issuer and audience accepts
 * (`palyra dev token`). For development and tests only: production tokens come from an IdP.
 */
export async function mintDevelopmentToken(options: DevelopmentTokenOptions): Promise<string> {
  const secret = new TextEncoder().encode(options.secret);
  if (secret.byteLength < MIN_JWT_SECRET_BYTES) {
    throw invalidArgument('secret', `secret must be at least ${MIN_JWT_SECRET_BYTES} bytes`);
  }
  const tenant = requireTenantId(options.tenant, 'tenant');
  const subject = options.subject.trim();
  if (subject === '') throw invalidArgument('subject', 'subject is required');
  if (options.issuer.trim() === '') throw invalidArgument('issuer', 'issuer is required');
  if (options.audience.trim() === '') throw invalidArgument('audience', 'audience is required');
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_DEVELOPMENT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_DEVELOPMENT_TOKEN_TTL_SECONDS) {
    throw invalidArgument(
      'ttlSeconds',
      `ttlSeconds must be an integer between 1 and ${MAX_DEVELOPMENT_TOKEN_TTL_SECONDS}`,
    );
  }
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, unknown> = { [options.tenantClaim ?? DEFAULT_TENANT_CLAIM]: tenant };
  if (options.roles !== undefined && options.roles.length > 0) claims.roles = [...options.roles];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(subject)
    .setJti(newId())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(secret);
}
