export {
  type AuthConfig,
  DEFAULT_CLOCK_TOLERANCE_SEC,
  DEFAULT_TENANT_CLAIM,
  type JwtConfig,
} from './auth-config.js';
export {
  AUTH_HEADERS,
  type Authenticator,
  createAuthenticator,
  MAX_BEARER_TOKEN_LENGTH,
} from './authenticator.js';
export {
  ADMIN_PRINCIPAL_PREFIX,
  ADMIN_ROLE,
  type CallerContext,
  CREDENTIAL_KINDS,
  type CredentialKind,
  requireAdmin,
} from './caller-context.js';
export {
  DEFAULT_DEVELOPMENT_TOKEN_TTL_SECONDS,
  type DevelopmentTokenOptions,
  mintDevelopmentToken,
} from './development-token.js';
export { createHeaderLookup, type HeaderLookup } from './header-lookup.js';
