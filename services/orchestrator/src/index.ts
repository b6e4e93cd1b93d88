export {
  createOrchestrator,
  type Orchestrator,
  type OrchestratorDeps,
  type OrchestratorSettings,
  SETTINGS_DEFAULTS,
  settingsFromConfig,
} from './app.js';
export {
  MODEL_PROVIDER_KINDS,
  type ModelProviderKind,
  type OrchestratorConfig,
  type OrchestratorRunConfig,
  orchestratorConfigSpec,
  orchestratorRunSpec,
} from './config.js';
export { RUN_OUTCOMES, type RunOutcome } from './metrics.js';
export { createModelProvider } from './model-provider.js';
