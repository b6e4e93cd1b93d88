import {
  bool,
  type ConfigOf,
  durationMs,
  enumOf,
  int,
  optional,
  type Secret,
  secret,
  text,
  url,
} from '@palyra/config';

/** Adapters a provider can use. */
export const MODEL_PROVIDER_KINDS = ['deterministic', 'openai_compatible', 'anthropic'] as const;
export type ModelProviderKind = (typeof MODEL_PROVIDER_KINDS)[number];

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
/** The Messages API requires `max_tokens`; this is used when a request sets none. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;
export const DEFAULT_PROFILE = 'default';

/**
 * The model provider variables, a fragment for a service's config spec (the orchestrator nests
 * it under `model`). Without `PALYRA_MODEL_PROVIDERS_FILE`, they describe one provider named
 * after its kind and one profile, `default`. With the file, the timeout, retries and
 * private-URL switch still apply as defaults to every provider in it; the kind, URL, key and
 * model variables are ignored.
 */
export const modelProviderSpec = {
  providerKind: enumOf('PALYRA_MODEL_PROVIDER_KIND', MODEL_PROVIDER_KINDS, {
    description:
      'Model provider adapter when no providers file is set: deterministic (offline echo), openai_compatible or anthropic',
    default: 'deterministic',
  }),
  openai: {
    baseUrl: url('PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL', {
      description:
        'Base URL of an OpenAI-compatible API up to the version segment (OpenAI, Ollama http://host:11434/v1, vLLM, llama.cpp, LiteLLM)',
      protocols: ['http', 'https'],
      default: DEFAULT_OPENAI_BASE_URL,
    }),
    apiKey: optional(
      secret('PALYRA_MODEL_PROVIDER_OPENAI_API_KEY', {
        description:
          'API key for the OpenAI-compatible provider (required for api.openai.com; local servers may need none)',
      }),
    ),
    model: optional(
      text('PALYRA_MODEL_PROVIDER_OPENAI_MODEL', {
        description:
          'Chat model of the OpenAI-compatible provider, e.g. gpt-4o-mini or llama3.1 (required for that kind)',
      }),
    ),
    embeddingsModel: optional(
      text('PALYRA_MODEL_PROVIDER_OPENAI_EMBEDDINGS_MODEL', {
        description:
          'Embeddings model of the OpenAI-compatible provider, e.g. text-embedding-3-small; unset = no embeddings',
      }),
    ),
  },
  anthropic: {
    baseUrl: url('PALYRA_MODEL_PROVIDER_ANTHROPIC_BASE_URL', {
      description: 'Base URL of the Anthropic Messages API (without /v1)',
      protocols: ['http', 'https'],
      default: DEFAULT_ANTHROPIC_BASE_URL,
    }),
    apiKey: optional(
      secret('PALYRA_MODEL_PROVIDER_ANTHROPIC_API_KEY', {
        description: 'API key for Anthropic (required for that kind)',
      }),
    ),
    model: optional(
      text('PALYRA_MODEL_PROVIDER_ANTHROPIC_MODEL', {
        description: 'Anthropic model, e.g. claude-sonnet-4-5 (required for that kind)',
      }),
    ),
  },
  allowPrivateBaseUrl: bool('PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL', {
    description:
      'Allow provider base URLs that resolve to loopback, private or link-local addresses (local model servers); refused at startup otherwise',
    default: false,
  }),
  requestTimeoutMs: durationMs('PALYRA_MODEL_PROVIDER_REQUEST_TIMEOUT_MS', {
    description: 'Longest wait for a model provider to answer, and between two chunks of its stream',
    default: 60_000,
    min: 1,
  }),
  maxRetries: int('PALYRA_MODEL_PROVIDER_MAX_RETRIES', {
    description:
      'Retries of a model call on 429, 5xx, timeouts and network errors, before any token arrived (backoff with jitter, Retry-After honoured)',
    default: 2,
    min: 0,
    max: 10,
  }),
  tokenDelayMs: durationMs('PALYRA_DETERMINISTIC_TOKEN_DELAY_MS', {
    description: 'Pause before each word of the deterministic provider (slow streams for demos and tests)',
    default: 0,
    max: 60_000,
  }),
  providersFile: optional(
    text('PALYRA_MODEL_PROVIDERS_FILE', {
      description:
        'Path of a JSON file with several providers and named model profiles with failover (see libs/providers/README.md); replaces the single-provider variables',
    }),
  ),
};

export type ModelProviderEnvConfig = ConfigOf<typeof modelProviderSpec>;

interface ProviderBase {
  /** The configured name: in metrics, logs, errors and finish events. */
  readonly name: string;
}

export interface DeterministicProviderSettings extends ProviderBase {
  readonly kind: 'deterministic';
  readonly tokenDelayMs: number;
}

interface UpstreamProviderBase extends ProviderBase {
  readonly baseUrl: string;
  readonly model: string | undefined;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
}

export interface OpenAICompatibleProviderSettings extends UpstreamProviderBase {
  readonly kind: 'openai_compatible';
  readonly apiKey: Secret<string> | undefined;
  readonly embeddingsModel: string | undefined;
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens' | undefined;
}

export interface AnthropicProviderSettings extends UpstreamProviderBase {
  readonly kind: 'anthropic';
  readonly apiKey: Secret<string>;
  readonly defaultMaxTokens: number;
}

export type ProviderSettings =
  | DeterministicProviderSettings
  | OpenAICompatibleProviderSettings
  | AnthropicProviderSettings;

/** One step of a profile: a provider and the model to ask it for. */
export interface ModelTarget {
  readonly provider: string;
  readonly model: string;
}

export interface CircuitBreakerSettings {
  /** Consecutive failed attempts that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call (half-open). */
  readonly openMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = { failureThreshold: 3, openMs: 30_000 };

/** What `createModelRouter` builds from: every provider, every profile, resolved and checked. */
export interface ProvidersConfig {
  readonly providers: Readonly<Record<string, ProviderSettings>>;
  /** Ordered targets per profile: the first is asked first, the rest are fallbacks. */
  readonly profiles: Readonly<Record<string, readonly ModelTarget[]>>;
  readonly defaultProfile: string;
  /** The embeddings target, if any provider offers embeddings. */
  readonly embeddings: ModelTarget | undefined;
  readonly circuitBreaker: CircuitBreakerSettings;
  /** `env`, or the providers file's path. */
  readonly source: string;
  /** Things an operator should know that do not stop startup (log them once). */
  readonly warnings: readonly string[];
}
