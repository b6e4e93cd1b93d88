import { postgresNatsDriver } from './harness.js';
import { registerOrchestratorScenarios } from './scenarios.js';

registerOrchestratorScenarios(postgresNatsDriver());
