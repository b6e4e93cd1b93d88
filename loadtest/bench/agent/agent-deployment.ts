import { randomBytes } from 'node:crypto';
import type { BenchContext } from '../context.js';
import { createBenchBackend, locateServices, type Ports, serviceEnvironment } from '../e2e.js';
import {
  freePort,
  type RunningService,
  type ServiceEntry,
  type ServiceMode,
  startService,
  waitUntilReady,
} from '../service-process.js';

/**
 * The agent section's orchestrator settings, on top of the end-to-end section's environment:
 * - the deterministic provider pauses before each word, so an answer streams for seconds and a
 *   cancel lands mid-stream (a 320-word input streams for 320 x the delay);
 * - `palyra.echo` needs an approval, so `#tool palyra.echo {...}` waits for a decision; this list
 *   replaces the default (the sensitive tools), which the section does not call.
 */
export function agentOrchestratorEnvironment(tokenDelayMs: number): Record<string, string> {
  return {
    PALYRA_MODEL_PROVIDER_KIND: 'deterministic',
    PALYRA_DETERMINISTIC_TOKEN_DELAY_MS: String(tokenDelayMs),
    PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS: 'palyra.echo',
  };
}

export interface AgentDeploymentOptions {
  readonly services: ServiceMode;
  /** Where the services' logs go. */
  readonly logDir: string;
  readonly tokenDelayMs: number;
}

/**
 * Two gateway replicas and one orchestrator on a fresh database and stream prefix: a run streams
 * through one gateway while its cancel or approval decision goes through the other, so the figure
 * includes the way across replicas (Postgres, then NATS Control to the worker, then the run's
 * events back through NATS to the streaming gateway).
 */
export interface AgentDeployment {
  readonly gateways: readonly [RunningService, RunningService];
  readonly orchestrator: RunningService;
  /** gRPC `host:port` of each gateway, in the order of `gateways`. */
  readonly grpcAddresses: readonly [string, string];
  readonly adminToken: string;
  /** The npm scripts the processes were started from. */
  readonly scripts: Record<string, string>;
  readonly orchestratorEnvironment: Record<string, string>;
  close(): Promise<void>;
}

function named(entry: ServiceEntry, name: string): ServiceEntry {
  return { ...entry, name };
}

export async function deployAgentCluster(
  context: BenchContext,
  options: AgentDeploymentOptions,
): Promise<AgentDeployment> {
  const entries = locateServices(options.services);
  const backend = await createBenchBackend(context);
  const started: RunningService[] = [];
  const close = async (): Promise<void> => {
    for (const service of [...started].reverse()) await service.stop();
    await backend.close();
  };
  try {
    const ports: [Ports, Ports] = [
      { grpc: await freePort(), gatewayHttp: await freePort(), orchestratorHttp: await freePort() },
      { grpc: await freePort(), gatewayHttp: await freePort(), orchestratorHttp: 0 },
    ];
    const shared = {
      databaseUrl: backend.databaseUrl,
      streamPrefix: backend.streamPrefix,
      adminToken: randomBytes(24).toString('hex'),
      natsServers: context.natsServers,
    };
    const orchestratorEnvironment = agentOrchestratorEnvironment(options.tokenDelayMs);
    context.log(`agent: starting an orchestrator and two gateways (logs in ${options.logDir})`);
    const orchestrator = startService(
      named(entries.orchestrator, 'orchestrator'),
      { ...serviceEnvironment('orchestrator', shared, ports[0]), ...orchestratorEnvironment },
      options.logDir,
    );
    started.push(orchestrator);
    await waitUntilReady(orchestrator, ports[0].orchestratorHttp);
    const gateways: RunningService[] = [];
    for (const [index, gatewayPorts] of ports.entries()) {
      const gateway = startService(
        named(entries.gateway, `gateway-${index + 1}`),
        serviceEnvironment('gateway', shared, gatewayPorts),
        options.logDir,
      );
      started.push(gateway);
      gateways.push(gateway);
    }
    for (const [index, gateway] of gateways.entries()) {
      await waitUntilReady(gateway, ports[index]?.gatewayHttp ?? 0);
      gateway.refreshTree();
    }
    orchestrator.refreshTree();
    const [first, second] = gateways;
    if (first === undefined || second === undefined) throw new Error('two gateways were not started');
    return {
      gateways: [first, second],
      orchestrator,
      grpcAddresses: [`127.0.0.1:${ports[0].grpc}`, `127.0.0.1:${ports[1].grpc}`],
      adminToken: shared.adminToken,
      scripts: { gateway: entries.gateway.script, orchestrator: entries.orchestrator.script },
      orchestratorEnvironment,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
