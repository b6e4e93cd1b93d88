export {
  API_KEY_PREFIX,
  type ApiKeyLookup,
  type ApiKeyVerifier,
  createApiKeyVerifier,
  hashApiKeySecret,
  looksLikeApiKey,
  type MintedApiKey,
  mintApiKey,
  type ParsedApiKey,
  parseApiKey,
  type VerifiedApiKey,
} from './api-key.js';
export {
  type AuthConfig,
  DEFAULT_CLOCK_TOLERANCE_SEC,
  DEFAULT_TENANT_CLAIM,
  type JwtConfig,
} from './auth-config.js';
export {
  AUTH_HEADERS,
  type Authenticator,
  type AuthenticatorPorts,
  createAuthenticator,
  MAX_BEARER_TOKEN_LENGTH,
  MISSING_AUTHORIZATION_MESSAGE,
} from './authenticator.js';
export {
  ADMIN_PRINCIPAL_PREFIX,
  ADMIN_ROLE,
  type CallerContext,
  CREDENTIAL_KINDS,
  type CredentialKind,
  OPERATOR_PRINCIPAL,
  type OperatorContext,
  requireAdmin,
} from './caller-context.js';
export {
  DEFAULT_DEVELOPMENT_TOKEN_TTL_SECONDS,
  type DevelopmentTokenOptions,
  mintDevelopmentToken,
} from './development-token.js';
export { createHeaderLookup, type HeaderLookup } from './header-lookup.js';
