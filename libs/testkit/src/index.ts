export { cleanupNatsPrefix, natsTestServers, uniqueStreamPrefix } from './nats.js';
export { buildPalyraV1ReferenceRoot, loadPalyraV1ReferenceGrpcObject } from './palyra-v1-reference-client.js';
export { createTestDatabase, TEST_POSTGRES_ADMIN_URL, type TestDatabase } from './postgres.js';
export {
  type Cluster,
  type ClusterOptions,
  type CommandResult,
  dumpLogsOnFailure,
  freePort,
  type GatewayProcess,
  type LineMatcher,
  type LogLine,
  metricValue,
  type OrchestratorProcess,
  printServiceLogs,
  REPO_ROOT,
  type RunCommandOptions,
  randomAdminToken,
  runCommand,
  type ServiceExit,
  type ServiceProcess,
  type StartServiceOptions,
  startCluster,
  startService,
  type TestHooks,
  testFailed,
} from './processes.js';
export { nextValue, waitFor } from './wait.js';
