import { loadavg } from 'node:os';
import { createPalyraClient } from '@palyra/client';
import { newId } from '@palyra/core';
import { type BenchContext, pick } from '../context.js';
import { PartialSectionError, type SectionResult } from '../report.js';
import type { ServiceMode } from '../service-process.js';
import { closedLoop, summarize } from '../stats.js';
import { deployAgentCluster } from './agent-deployment.js';
import {
  AGENT_LATENCY_TARGET_MS,
  AGENT_SCENARIO_LABELS,
  AGENT_SCENARIOS,
  type AgentScenario,
  type ScenarioResult,
  scenarioFigures,
} from './agent-samples.js';
import {
  emptySampleDetails,
  type GatewayClients,
  runScenarioSample,
  type SampleDetails,
} from './agent-scenarios.js';
import { createApprovalsClient } from './approvals-client.js';

export interface AgentLatencyOptions {
  readonly services: ServiceMode;
  /** Where the services' logs go. */
  readonly logDir: string;
}

/** The deterministic provider's pause per word: a 320-word answer streams for 16 s. */
export const AGENT_TOKEN_DELAY_MS = 50;

const USER_PRINCIPAL = 'bench';
/** Decides and cancels other people's runs: an admin principal of the tenant. */
const OPERATOR_PRINCIPAL = 'admin:bench-operator';

function gatewayClients(address: string, token: string): GatewayClients {
  const client = (principal: string) =>
    createPalyraClient({
      url: `grpc://${address}`,
      token,
      principal,
      deviceId: newId(),
      // A benchmark must see failures, not hide them behind a resume.
      resume: false,
    });
  return {
    user: client(USER_PRINCIPAL),
    operator: client(OPERATOR_PRINCIPAL),
    approvals: createApprovalsClient({ address, token, principal: OPERATOR_PRINCIPAL, deviceId: newId() }),
  };
}

/** undefined instead of a summary of NaNs when there is nothing to summarize. */
function summaryOf(values: readonly number[]): ReturnType<typeof summarize> | undefined {
  return values.length > 0 ? summarize(values) : undefined;
}

function closeClients(clients: GatewayClients): void {
  clients.user.close();
  clients.operator.close();
  clients.approvals.close();
}

/** How many samples each scenario takes, and how many at once. */
interface SamplePlan {
  readonly warmups: number;
  readonly serial: number;
  readonly samples: number;
  readonly concurrency: number;
}

interface ScenarioRun {
  readonly result: ScenarioResult;
  readonly details: SampleDetails;
  readonly serialDetails: SampleDetails;
  readonly warmupErrors: number;
  /** 1, 5 and 15 minute load averages when the scenario started: the figures' noise floor. */
  readonly loadAverage: readonly number[];
}

/**
 * One scenario: a warm-up (every client once; if all of it fails the scenario is not measured),
 * then `serial` samples one at a time, then `samples` samples `concurrency` at a time.
 */
async function measureScenario(
  context: BenchContext,
  gateways: readonly [GatewayClients, GatewayClients],
  scenario: AgentScenario,
  plan: SamplePlan,
): Promise<ScenarioRun> {
  const loadAverage = loadavg();
  const loop = (phase: string, concurrency: number, totalOps: number, details: SampleDetails) =>
    closedLoop({
      concurrency,
      totalOps,
      op: (_worker, index) =>
        runScenarioSample(gateways, scenario, `agent-${scenario}-${phase}-${index}`, index, details),
    });
  const warm = await loop('warmup', plan.concurrency, plan.warmups, emptySampleDetails());
  if (warm.ops === 0) {
    context.log(`agent: ${scenario}: every warm-up sample failed (${warm.firstError}); skipping it`);
    return {
      result: {
        scenario,
        samples: [],
        serialSamples: [],
        failures: warm.errors,
        firstFailure: `warm-up: ${warm.firstError}`,
      },
      details: emptySampleDetails(),
      serialDetails: emptySampleDetails(),
      warmupErrors: warm.errors,
      loadAverage,
    };
  }
  const serialDetails = emptySampleDetails();
  const serial = await loop('serial', 1, plan.serial, serialDetails);
  const details = emptySampleDetails();
  const concurrent = await loop('concurrent', plan.concurrency, plan.samples, details);
  const failures = serial.errors + concurrent.errors;
  const firstFailure = serial.firstError ?? concurrent.firstError;
  if (failures > 0) {
    context.log(
      `agent: ${scenario}: ${failures} of ${plan.serial + plan.samples} samples failed; first: ${firstFailure}`,
    );
  }
  return {
    result: { scenario, samples: concurrent.samples, serialSamples: serial.samples, failures, firstFailure },
    details,
    serialDetails,
    warmupErrors: warm.errors,
    loadAverage,
  };
}

/**
 * Cancel and approval latency of the agent loop, across gateway replicas: two gateways and one
 * orchestrator as real processes. Each sample is one run in its own session; sample i streams
 * through gateway i % 2 and is cancelled or decided through the other one. The scenarios run one
 * after the other (see measureScenario).
 */
export async function measureAgentLatency(
  context: BenchContext,
  options: AgentLatencyOptions,
): Promise<SectionResult> {
  const concurrency = pick(context, { quick: 4, full: 8 });
  const plan: SamplePlan = {
    warmups: concurrency,
    serial: pick(context, { quick: 10, full: 50 }),
    samples: pick(context, { quick: 40, full: 200 }),
    concurrency,
  };
  const deployment = await deployAgentCluster(context, { ...options, tokenDelayMs: AGENT_TOKEN_DELAY_MS });
  const [first, second] = deployment.grpcAddresses.map((address) =>
    gatewayClients(address, deployment.adminToken),
  );
  try {
    if (first === undefined || second === undefined) throw new Error('two gateways are needed');
    const gateways = [first, second] as const;
    // Dial every channel first, so no sample pays for a connection.
    await Promise.all(
      gateways.flatMap((clients) => [
        clients.user.health(),
        clients.operator.health(),
        clients.approvals.ready(),
      ]),
    );

    const runs: ScenarioRun[] = [];
    for (const scenario of AGENT_SCENARIOS) {
      context.log(
        `agent: ${AGENT_SCENARIO_LABELS[scenario]}: ${plan.serial} samples one at a time, ` +
          `then ${plan.samples}, ${plan.concurrency} at once`,
      );
      runs.push(await measureScenario(context, gateways, scenario, plan));
    }

    const figures: SectionResult['figures'] = {};
    for (const run of runs) Object.assign(figures, scenarioFigures(run.result));
    const section: SectionResult = {
      id: 'agent',
      title: 'Agent loop: cancel and approval latency (2 gateways, 1 orchestrator, Postgres, NATS)',
      figures,
      details: {
        client: 'sdk',
        services: deployment.scripts,
        orchestratorEnvironment: deployment.orchestratorEnvironment,
        samplesPerScenario: plan,
        targetP99Ms: AGENT_LATENCY_TARGET_MS,
        scenarios: Object.fromEntries(
          runs.map((run) => [
            run.result.scenario,
            {
              label: AGENT_SCENARIO_LABELS[run.result.scenario],
              latency: summaryOf(run.result.samples),
              latencyOneAtATime: summaryOf(run.result.serialSamples),
              failures: run.result.failures,
              firstFailure: run.result.firstFailure,
              warmupFailures: run.warmupErrors,
              loadAverageAtStart: run.loadAverage,
              controlCall: summaryOf(run.details.controlCallMs),
              controlCallOneAtATime: summaryOf(run.serialDetails.controlCallMs),
              tokensAfterCancel: summaryOf(run.details.tokensAfterCancel),
              toolsFinishedBeforeCancel:
                run.result.scenario === 'cancelSleep' ? run.details.toolsFinished : undefined,
            },
          ]),
        ),
        latencyDefinitions: {
          cancel: 'AbortRun call start on the other gateway -> FAILED status received on the run stream',
          approvalDecide:
            'DecideApproval call start on the other gateway -> tool_approval_response echo received on the run stream',
          approvalInStream:
            'tool_approval_response written on the run stream -> its echo received on the stream',
        },
        logs: options.logDir,
        servicePids: [
          ...deployment.gateways.flatMap((gateway) => gateway.pids()),
          ...deployment.orchestrator.pids(),
        ],
      },
    };
    const broken = runs.filter((run) => run.result.samples.length === 0);
    if (broken.length > 0) {
      throw new PartialSectionError(
        section,
        `no valid sample for ${broken
          .map((run) => `${run.result.scenario} (${run.result.firstFailure ?? 'no error recorded'})`)
          .join('; ')}`,
      );
    }
    return section;
  } finally {
    if (first !== undefined) closeClients(first);
    if (second !== undefined) closeClients(second);
    await deployment.close();
  }
}
