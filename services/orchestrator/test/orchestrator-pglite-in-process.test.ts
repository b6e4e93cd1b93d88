import { pgliteInProcessDriver } from './harness.js';
import { registerOrchestratorScenarios } from './scenarios.js';

registerOrchestratorScenarios(pgliteInProcessDriver());
