import { postgresNatsDriver } from './harness.js';
import { registerOrchestratorScenarios } from './scenarios.js';
import { registerToolScenarios } from './tool-scenarios.js';

const driver = postgresNatsDriver();
registerOrchestratorScenarios(driver);
registerToolScenarios(driver);
