import { ERROR_CODE_TRAITS, type ErrorCode, PalyraError } from '@palyra/core';

/** Why a model call failed, as far as an operator or user can act on it. */
export const PROVIDER_ERROR_KINDS = [
  'auth',
  'quota',
  'rate_limited',
  'unavailable',
  'timeout',
  'circuit_open',
  'context_too_long',
  'content_policy',
  'invalid_request',
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

interface KindTraits {
  readonly code: ErrorCode;
  /** What to do about it; `{provider}` and `{model}` are filled in. */
  readonly hint: string;
}

/**
 * The one mapping from kind to error code and hint. Rate limits, outages, timeouts and open
 * circuits all surface as UNAVAILABLE: by the time the caller sees them, retries and failover are
 * spent, and the caller's only move is to try again later.
 */
export const PROVIDER_ERROR_KIND_TRAITS: Readonly<Record<ProviderErrorKind, KindTraits>> = {
  auth: {
    code: 'UPSTREAM_UNAUTHENTICATED',
    hint: 'Model provider {provider} refused the credentials. Operators: check its API key (PALYRA_MODEL_PROVIDER_*_API_KEY or the apiKeyEnv variable in the providers file) and that the key may use model {model}.',
  },
  quota: {
    code: 'UPSTREAM_QUOTA_EXCEEDED',
    hint: 'The account used for model provider {provider} is out of quota or credit. Operators: add credit or raise the limit with the provider, or add a fallback target to the model profile.',
  },
  rate_limited: {
    code: 'UNAVAILABLE',
    hint: 'Model provider {provider} kept rate-limiting requests after retries. Try again later; operators: lower concurrency, raise the rate limit with the provider, or add a fallback target.',
  },
  unavailable: {
    code: 'UNAVAILABLE',
    hint: 'Model provider {provider} is unreachable or failing. Try again later; operators: check the provider status and base URL, or add a fallback target to the model profile.',
  },
  timeout: {
    code: 'UNAVAILABLE',
    hint: 'Model provider {provider} did not answer in time. Try again; operators: raise PALYRA_MODEL_PROVIDER_REQUEST_TIMEOUT_MS (or requestTimeoutMs in the providers file) for slow models.',
  },
  circuit_open: {
    code: 'UNAVAILABLE',
    hint: 'Model provider {provider} failed repeatedly and is paused (circuit open). Try again in a minute; operators: check the provider, or add a fallback target to the model profile.',
  },
  context_too_long: {
    code: 'CONTEXT_TOO_LONG',
    hint: 'The conversation is longer than model {model} accepts. Start a new session (reset_session) or use an agent whose model profile has a larger context window.',
  },
  content_policy: {
    code: 'CONTENT_POLICY',
    hint: 'Model provider {provider} refused the request under its content policy. Rephrase the request.',
  },
  invalid_request: {
    code: 'INVALID_ARGUMENT',
    hint: 'Model provider {provider} rejected the request as invalid. Operators: check the model name ({model}) and that the server speaks the configured API.',
  },
};

export type ProviderErrorDetails = {
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  /** The configured provider name (or the adapter name when used without the router). */
  readonly provider: string;
  /** HTTP status from the upstream, when it answered with one. */
  readonly status: number | undefined;
  readonly hint: string;
  readonly model?: string;
  /** The upstream's machine-readable error code or type, e.g. `insufficient_quota`. */
  readonly upstreamCode?: string;
  /** The upstream's request id, for support tickets with the provider. */
  readonly requestId?: string;
  /** How long the upstream asked us to wait (Retry-After). */
  readonly retryAfterMs?: number;
  /** After failover: every target tried, in order, and how each failed. */
  readonly failedTargets?: readonly FailedTarget[];
};

export interface FailedTarget {
  readonly provider: string;
  readonly model: string;
  readonly kind: ProviderErrorKind;
  readonly status?: number;
}

export interface ProviderErrorInit {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly model?: string | undefined;
  readonly status?: number | undefined;
  /** Safe to show: built by us, never an upstream body or credential. */
  readonly message: string;
  readonly upstreamCode?: string | undefined;
  readonly requestId?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly failedTargets?: readonly FailedTarget[] | undefined;
  readonly cause?: unknown;
}

function fill(template: string, provider: string, model: string | undefined): string {
  return template.replaceAll('{provider}', provider).replaceAll('{model}', model ?? '(default)');
}

/**
 * A model call that failed. `details` carries the envelope (`kind`, `retryable`, `provider`,
 * `status`, `hint`) the orchestrator copies into the run_failed event. The message names the
 * provider and what went wrong; upstream text appears only redacted and truncated.
 */
export class ProviderError extends PalyraError {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  declare readonly details: ProviderErrorDetails;

  constructor(init: ProviderErrorInit) {
    const { code, hint } = PROVIDER_ERROR_KIND_TRAITS[init.kind];
    const details: ProviderErrorDetails = {
      kind: init.kind,
      retryable: ERROR_CODE_TRAITS[code].retryable,
      provider: init.provider,
      status: init.status,
      hint: fill(hint, init.provider, init.model),
      ...(init.model === undefined ? {} : { model: init.model }),
      ...(init.upstreamCode === undefined ? {} : { upstreamCode: init.upstreamCode }),
      ...(init.requestId === undefined ? {} : { requestId: init.requestId }),
      ...(init.retryAfterMs === undefined ? {} : { retryAfterMs: init.retryAfterMs }),
      ...(init.failedTargets === undefined ? {} : { failedTargets: init.failedTargets }),
    };
    super(code, init.message, { details, cause: init.cause });
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}
