import { type Logger, PalyraError } from '@palyra/core';
import type { Registry } from 'prom-client';
import type { EmbeddingsProvider } from './model-provider.js';
import { createProfileProvider, type ProfileProvider, type ProfileTarget } from './profile-provider.js';
import { createEmbeddingsAdapter, createProviderAdapter } from './provider-adapters.js';
import type { ProviderSettings, ProvidersConfig } from './provider-config.js';
import {
  type CallTarget,
  callWithRetries,
  createProviderCircuit,
  type ProviderCircuit,
  type RetrySettings,
} from './resilience.js';
import { createRouterMetrics, noRouterMetrics, type RouterMetrics } from './router-metrics.js';

export interface ModelRouterOptions {
  readonly logger: Logger;
  /** prom-client registry for `palyra_model_requests_total` and `palyra_model_circuit_open`. */
  readonly registry?: Registry;
  /** Backoff tuning (tests shorten it); the retry count comes from each provider's settings. */
  readonly retry?: Omit<RetrySettings, 'maxRetries'>;
}

export interface ModelRouter {
  /**
   * The provider for a model profile ('' = the default profile). It fails over along the
   * profile's targets and names the provider and model that answered on its finish event.
   * Throws FAILED_PRECONDITION for a profile that is not configured.
   */
  profile(name: string): ProfileProvider;
  readonly defaultProfile: string;
  readonly profiles: readonly string[];
  /** Embeddings through the configured target (with retries and its circuit), if any. */
  embeddings(): EmbeddingsProvider | undefined;
}

function maxRetriesOf(settings: ProviderSettings): number {
  // The deterministic provider has no upstream to retry.
  return settings.kind === 'deterministic' ? 0 : settings.maxRetries;
}

/**
 * Builds one adapter and one circuit breaker per configured provider, and one failover provider
 * per profile. Circuits are per provider, not per model: an outage, a bad key or an empty
 * account affects every model behind the same endpoint.
 */
export function createModelRouter(config: ProvidersConfig, options: ModelRouterOptions): ModelRouter {
  const { logger } = options;
  const metrics: RouterMetrics = options.registry ? createRouterMetrics(options.registry) : noRouterMetrics;
  const circuits = new Map<string, ProviderCircuit>();
  const adapters = new Map<string, ReturnType<typeof createProviderAdapter>>();
  for (const [name, settings] of Object.entries(config.providers)) {
    const providerLogger = logger.child({ provider: name });
    adapters.set(name, createProviderAdapter(settings, providerLogger));
    circuits.set(
      name,
      createProviderCircuit(config.circuitBreaker, (state) => {
        metrics.circuit(name, state !== 'closed');
        if (state === 'open')
          providerLogger.warn({ openMs: config.circuitBreaker.openMs }, 'model provider circuit opened');
        else if (state === 'closed') providerLogger.info('model provider circuit closed');
      }),
    );
    metrics.circuit(name, false);
  }

  const callTarget = (provider: string, model: string): CallTarget & { settings: ProviderSettings } => {
    const settings = config.providers[provider];
    const circuit = circuits.get(provider);
    if (settings === undefined || circuit === undefined) {
      throw new PalyraError('CONFIG_INVALID', `model provider ${provider} is not configured`);
    }
    return {
      provider,
      model,
      settings,
      circuit,
      openMs: config.circuitBreaker.openMs,
      retry: { ...options.retry, maxRetries: maxRetriesOf(settings) },
    };
  };

  const profiles = new Map<string, ProfileProvider>();
  for (const [profile, targets] of Object.entries(config.profiles)) {
    const resolved: ProfileTarget[] = targets.map(({ provider, model }) => {
      const adapter = adapters.get(provider);
      if (adapter === undefined)
        throw new PalyraError('CONFIG_INVALID', `model provider ${provider} is not configured`);
      return { ...callTarget(provider, model), adapter };
    });
    profiles.set(
      profile,
      createProfileProvider(profile, resolved, { logger: logger.child({ profile }), metrics }),
    );
  }

  let embeddings: EmbeddingsProvider | undefined;
  if (config.embeddings !== undefined) {
    const target = callTarget(config.embeddings.provider, config.embeddings.model);
    const adapter = createEmbeddingsAdapter(
      target.settings,
      target.model,
      logger.child({ provider: target.provider }),
    );
    if (adapter !== undefined) {
      embeddings = {
        name: target.provider,
        embed: (texts, signal) => callWithRetries(target, () => adapter.embed(texts, signal), signal),
      };
    }
  }

  const names = [...profiles.keys()];
  return {
    defaultProfile: config.defaultProfile,
    profiles: names,
    profile(name: string): ProfileProvider {
      const wanted = name === '' ? config.defaultProfile : name;
      const provider = profiles.get(wanted);
      if (provider === undefined) {
        throw new PalyraError('FAILED_PRECONDITION', `model profile ${wanted} is not configured`, {
          details: {
            profile: wanted,
            hint: `Use one of the configured model profiles (${names.join(', ')}), or add ${wanted} to the providers file (PALYRA_MODEL_PROVIDERS_FILE).`,
          },
        });
      }
      return provider;
    },
    embeddings: () => embeddings,
  };
}
