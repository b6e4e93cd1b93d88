import { pgliteInProcessDriver } from './harness.js';
import { registerOrchestratorScenarios } from './scenarios.js';
import { registerToolScenarios } from './tool-scenarios.js';

const driver = pgliteInProcessDriver();
registerOrchestratorScenarios(driver);
registerToolScenarios(driver);
