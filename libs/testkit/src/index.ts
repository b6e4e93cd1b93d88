export { cleanupNatsPrefix, natsTestServers, uniqueStreamPrefix } from './nats.js';
export { buildPalyraV1ReferenceRoot, loadPalyraV1ReferenceGrpcObject } from './palyra-v1-reference-client.js';
export { createTestDatabase, TEST_POSTGRES_ADMIN_URL, type TestDatabase } from './postgres.js';
export { nextValue, waitFor } from './wait.js';
