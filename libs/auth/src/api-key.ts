import { createHash, randomBytes } from 'node:crypto';
import { isCanonicalUlid, isTenantId, newId } from '@palyra/core';

/**
 * API keys are `pk_<tenant>_<key_id>_<secret>`: the tenant and key id travel in clear so a key is
 * looked up in its own tenant (no cross-tenant index, row-level security stays on), and only the
 * secret is secret. The key id is a ULID (26 characters) and the secret 32 random bytes in
 * base64url (43 characters); both have fixed lengths, so a tenant id containing `_` still parses
 * unambiguously.
 */
export const API_KEY_PREFIX = 'pk_';

const SECRET_BYTES = 32;
const API_KEY_PATTERN = /^pk_([a-z0-9][a-z0-9_-]{0,62})_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  readonly tenantId: string;
  readonly keyId: string;
  readonly secret: string;
}

export interface MintedApiKey {
  /** The whole credential, shown to the operator once and never stored. */
  readonly token: string;
  readonly keyId: string;
  /** What is stored: `hashApiKeySecret(secret)`. */
  readonly secretHash: string;
}

/** What an API key grants, as stored with it. */
export interface VerifiedApiKey {
  readonly principal: string;
  readonly roles: readonly string[];
}

/** The authenticator's port to the key store (implemented over ApiKeyRepository). */
export interface ApiKeyVerifier {
  /** The active key with this id and secret in the tenant, or null (unknown, revoked, wrong secret). */
  verify(tenantId: string, keyId: string, secret: string): Promise<VerifiedApiKey | null>;
}

/** The slice of a key repository the verifier needs: lookup by id and secret hash, unrevoked only. */
export interface ApiKeyLookup {
  findActive(tenantId: string, keyId: string, secretHash: string): Promise<VerifiedApiKey | null>;
}

/** Whether the bearer value has the API key shape at all (cheap; decides which verifier runs). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export function parseApiKey(token: string): ParsedApiKey | undefined {
  const match = API_KEY_PATTERN.exec(token);
  if (match === null) return undefined;
  const [, tenantId, keyId, secret] = match as unknown as [string, string, string, string];
  if (!isTenantId(tenantId) || !isCanonicalUlid(keyId)) return undefined;
  return { tenantId, keyId, secret };
}

/** sha256 hex of the secret: a 256-bit random secret needs no salt or slow hash. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function mintApiKey(tenantId: string, keyId: string = newId()): MintedApiKey {
  if (!isTenantId(tenantId)) throw new TypeError('mintApiKey needs a valid tenant id');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return {
    token: `${API_KEY_PREFIX}${tenantId}_${keyId}_${secret}`,
    keyId,
    secretHash: hashApiKeySecret(secret),
  };
}

/** Verifies keys against a repository that stores `hashApiKeySecret(secret)`. */
export function createApiKeyVerifier(lookup: ApiKeyLookup): ApiKeyVerifier {
  return {
    async verify(tenantId, keyId, secret) {
      const key = await lookup.findActive(tenantId, keyId, hashApiKeySecret(secret));
      return key === null ? null : { principal: key.principal, roles: key.roles };
    },
  };
}
