// The shared protocol suite against a real cluster: 2 gateway and 2 orchestrator processes on
// Postgres and NATS, the SDK given both gateways (calls go to the first, streams fail over).
import { afterEach } from 'node:test';
import { testFailed } from '@palyra/testkit';
import { createDistributedCluster, TENANT } from './distributed-cluster.js';
import { registerProtocolSuite } from './protocol-suite.js';

// The suite starts its target once in `before`, without a test context: remember failures here
// and print every service's logs when the target stops.
let failures = 0;
afterEach((t) => {
  if (testFailed(t)) failures += 1;
});

registerProtocolSuite('distributed (2 gateways, 2 orchestrators, Postgres + NATS)', async () => {
  const env = await createDistributedCluster();
  return {
    urls: env.cluster.urls,
    adminToken: env.cluster.adminToken,
    tenant: TENANT,
    stop: () => env.stop({ dumpLogs: failures > 0 }),
  };
});
