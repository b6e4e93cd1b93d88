import type { Logger } from '@palyra/core';
import { createAnthropicProvider } from './anthropic-provider.js';
import { createDeterministicEmbeddingsProvider } from './deterministic-embeddings.js';
import { createDeterministicProvider } from './deterministic-provider.js';
import type { EmbeddingsProvider, ModelProvider } from './model-provider.js';
import {
  createOpenAICompatibleProvider,
  createOpenAIEmbeddingsProvider,
} from './openai-compatible-provider.js';
import type { ProviderSettings } from './provider-config.js';

/** The adapter for one configured provider (one SDK client, reused by every call). */
export function createProviderAdapter(settings: ProviderSettings, logger: Logger): ModelProvider {
  switch (settings.kind) {
    case 'deterministic':
      return createDeterministicProvider({ tokenDelayMs: settings.tokenDelayMs });
    case 'openai_compatible':
      return createOpenAICompatibleProvider({ ...settings, logger });
    case 'anthropic':
      return createAnthropicProvider({ ...settings, logger });
  }
}

/** The embeddings adapter for a provider and model; undefined for kinds without embeddings. */
export function createEmbeddingsAdapter(
  settings: ProviderSettings,
  model: string,
  logger: Logger,
): EmbeddingsProvider | undefined {
  switch (settings.kind) {
    case 'deterministic': {
      const dimensions = /^deterministic-hash-(\d+)$/.exec(model)?.[1];
      return createDeterministicEmbeddingsProvider(
        dimensions === undefined ? {} : { dimensions: Number(dimensions) },
      );
    }
    case 'openai_compatible':
      return createOpenAIEmbeddingsProvider({ ...settings, embeddingsModel: model, logger });
    case 'anthropic':
      return undefined;
  }
}
