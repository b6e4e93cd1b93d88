export { abortableDelay, isAbortError, ModelAbortError, throwIfAborted } from './abort.js';
export { type AnthropicSettings, createAnthropicProvider } from './anthropic-provider.js';
export {
  createDeterministicEmbeddingsProvider,
  type DeterministicEmbeddingsOptions,
} from './deterministic-embeddings.js';
export { createDeterministicProvider, type DeterministicProviderOptions } from './deterministic-provider.js';
export {
  DETERMINISTIC_EMBEDDINGS_MODEL,
  type LoadProvidersConfigOptions,
  loadProvidersConfig,
} from './load-providers-config.js';
export {
  type EmbeddingsProvider,
  FINISH_REASONS,
  type FinishReason,
  type ModelMessage,
  type ModelMessageRole,
  type ModelProvider,
  type ModelRequest,
  type ModelStreamEvent,
  type ModelTool,
  type ModelToolCall,
  type ModelUsage,
} from './model-provider.js';
export { createModelRouter, type ModelRouter, type ModelRouterOptions } from './model-router.js';
export {
  createOpenAICompatibleProvider,
  createOpenAIEmbeddingsProvider,
  type OpenAICompatibleSettings,
} from './openai-compatible-provider.js';
export { MAX_TOKENS_FIELDS, type MaxTokensField } from './openai-request.js';
export { checkBaseUrlHost, type HostLookup, isPrivateAddress } from './private-address.js';
export type { ProfileProvider } from './profile-provider.js';
export {
  type AnthropicProviderSettings,
  type CircuitBreakerSettings,
  DEFAULT_ANTHROPIC_BASE_URL,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_OPENAI_BASE_URL,
  DEFAULT_PROFILE,
  type DeterministicProviderSettings,
  MODEL_PROVIDER_KINDS,
  type ModelProviderEnvConfig,
  type ModelProviderKind,
  type ModelTarget,
  modelProviderSpec,
  type OpenAICompatibleProviderSettings,
  type ProviderSettings,
  type ProvidersConfig,
} from './provider-config.js';
export {
  type FailedTarget,
  isProviderError,
  PROVIDER_ERROR_KIND_TRAITS,
  PROVIDER_ERROR_KINDS,
  ProviderError,
  type ProviderErrorDetails,
  type ProviderErrorKind,
} from './provider-error.js';
export { type ProvidersFile, providersFileSchema } from './providers-file.js';
export type { RetrySettings } from './resilience.js';
export { MODEL_REQUEST_OUTCOMES, type ModelRequestOutcome } from './router-metrics.js';
export { createToolNameMap, PROVIDER_TOOL_NAME, type ToolNameMap } from './tool-names.js';
