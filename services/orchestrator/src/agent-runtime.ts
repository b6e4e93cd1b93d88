import type { Logger } from '@palyra/core';
import { createModelRouter, loadProvidersConfig, type ModelProvider } from '@palyra/providers';
import type { Metrics } from '@palyra/telemetry';
import {
  builtinTools,
  createToolRegistry,
  type ToolRegistry,
  type ToolSettings,
  toolSettingsFrom,
} from '@palyra/tools';
import type { OrchestratorRunConfig } from './config.js';

/** What runs execute with besides storage and the bus: model profiles and tools. */
export interface AgentRuntime {
  /** Profile name ('' = default) -> a provider that fails over along the profile's targets. */
  readonly models: { profile(name: string): ModelProvider; readonly profiles: readonly string[] };
  readonly tools: ToolRegistry;
  readonly toolSettings: ToolSettings;
}

/**
 * Builds the model router (reading the providers file when one is named) and the tool registry
 * from the run config. Shared by the standalone orchestrator and palyrad. Throws CONFIG_INVALID.
 */
export async function createAgentRuntime(
  config: Pick<OrchestratorRunConfig, 'model' | 'tools'>,
  options: { readonly logger: Logger; readonly metrics: Metrics; readonly env?: NodeJS.ProcessEnv },
): Promise<AgentRuntime> {
  const providers = await loadProvidersConfig(config.model, options.env ?? process.env);
  for (const warning of providers.warnings) options.logger.warn({ component: 'models' }, warning);
  const models = createModelRouter(providers, {
    logger: options.logger.child({ component: 'models' }),
    registry: options.metrics.registry,
  });
  const toolSettings = toolSettingsFrom(config.tools);
  const tools = createToolRegistry(builtinTools(toolSettings));
  return { models, tools, toolSettings };
}

/**
 * A runtime whose every profile is `provider`, with the built-in tools under `toolSettings`: what
 * tests and benchmarks that drive the orchestrator with a scripted provider use.
 */
export function singleProviderRuntime(provider: ModelProvider, toolSettings: ToolSettings): AgentRuntime {
  return {
    models: { profile: () => provider, profiles: ['default'] },
    tools: createToolRegistry(builtinTools(toolSettings)),
    toolSettings,
  };
}
