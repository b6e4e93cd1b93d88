export { type AgentRuntime, createAgentRuntime, singleProviderRuntime } from './agent-runtime.js';
export {
  createOrchestrator,
  type Orchestrator,
  type OrchestratorDeps,
  type OrchestratorSettings,
  SETTINGS_DEFAULTS,
  settingsFromConfig,
} from './app.js';
export {
  type OrchestratorConfig,
  type OrchestratorRunConfig,
  orchestratorConfigSpec,
  orchestratorRunSpec,
} from './config.js';
export { RUN_OUTCOMES, type RunOutcome } from './metrics.js';
