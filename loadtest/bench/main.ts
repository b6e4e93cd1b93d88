// npm run bench [-- --quick] [--only blocks|e2e|agent] [--out file.json] [--e2e-client sdk|raw] [--services src|dist]
//
// Measures the raw building blocks on this machine, then Palyra end to end, then the agent loop's
// cancel and approval latency across gateway replicas, in one process run;
// prints a table (stdout) and writes the figures as JSON. Progress goes to stderr. A figure that
// misses its target is marked, never fatal (shared, noisy machine); the exit code is 1 only when
// a measurement could not be made.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { natsTestServers } from '@palyra/testkit';
import { measureAgentLatency } from './agent/measure-agent.js';
import { BLOCKS, type Block } from './blocks/index.js';
import type { BenchContext } from './context.js';
import { E2E_TARGETS, locateServices, measureEndToEnd } from './e2e.js';
import { E2E_CLIENTS, type E2eClientKind } from './e2e-drivers.js';
import {
  type BenchReport,
  type Figure,
  figure,
  hostInfo,
  PartialSectionError,
  renderTable,
  type SectionResult,
  type SkippedSection,
  writeReport,
} from './report.js';
import { REPOSITORY_ROOT, SERVICE_MODES, type ServiceMode, ServicesMissingError } from './service-process.js';

const ONLY = ['all', 'blocks', 'e2e', 'agent'] as const;
type Only = (typeof ONLY)[number];

const USAGE = `usage: npm run bench -- [--quick] [--only blocks|e2e|agent] [--out <file.json>] [--e2e-client sdk|raw]
  --quick        short smoke run (seconds per block; figures are indicative only)
  --only         run only the building blocks, the end-to-end section or the agent section
                 (cancel and approval latency across two gateways)
  --out          JSON output (default loadtest/results/bench-<timestamp>.json)
  --e2e-client   sdk (@palyra/client, default) or raw (grpc-js on our proto, as the bare block);
                 the agent section always uses the SDK
  --services     src (the services' "start" scripts through tsx, default) or dist ("start:dist",
                 the compiled output; run npm run build first)`;

interface Arguments {
  readonly quick: boolean;
  readonly only: Only;
  readonly out: string;
  readonly e2eClient: E2eClientKind;
  readonly services: ServiceMode;
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { values } = parsed;
  if (values.help) return '';
  const only = values.only ?? 'all';
  if (!(ONLY as readonly string[]).includes(only)) return `--only must be one of ${ONLY.join(', ')}`;
  const e2eClient = values['e2e-client'] ?? 'sdk';
  if (!(E2E_CLIENTS as readonly string[]).includes(e2eClient)) {
    return `--e2e-client must be one of ${E2E_CLIENTS.join(', ')}`;
  }
  const services = values.services ?? 'src';
  if (!(SERVICE_MODES as readonly string[]).includes(services)) {
    return `--services must be one of ${SERVICE_MODES.join(', ')}`;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    quick: values.quick ?? false,
    only: only as Only,
    out: values.out ?? join(REPOSITORY_ROOT, 'loadtest', 'results', `bench-${stamp}.json`),
    e2eClient: e2eClient as E2eClientKind,
    services: services as ServiceMode,
  };
}

function parseCli(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      out: { type: 'string' },
      'e2e-client': { type: 'string' },
      services: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isMeasured(section: SectionResult | SkippedSection | undefined): section is SectionResult {
  return section !== undefined && !('skipped' in section);
}

/**
 * A section that starts the services. With `--only all`, services that are not written yet skip
 * it; any other error is reported in the section and fails the run, keeping what was measured.
 */
async function measureServiceSection(
  id: string,
  title: string,
  only: Only,
  measure: () => Promise<SectionResult>,
): Promise<{ section: SectionResult | SkippedSection; failed: boolean }> {
  try {
    return { section: await measure(), failed: false };
  } catch (error) {
    if (error instanceof ServicesMissingError && only === 'all') {
      return { section: { id, title, skipped: error.message }, failed: false };
    }
    if (error instanceof PartialSectionError) {
      console.error(`[bench] ${id} is incomplete: ${error.message}`);
      return { section: error.section, failed: true };
    }
    console.error(`[bench] ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    return { section: { id, title, skipped: `failed: ${messageOf(error)}` }, failed: true };
  }
}

/** End-to-end figures against the building blocks measured in this run, with the targets. */
function computeRatios(report: BenchReport): void {
  const e2e = report.e2e;
  if (!isMeasured(e2e)) return;
  const measured = (id: string): SectionResult | undefined => {
    const section = report.blocks[id];
    return isMeasured(section) ? section : undefined;
  };
  const bare = measured('grpc-streams');
  const idle = measured('grpc-idle');
  const value = (section: SectionResult | undefined, key: string): number | undefined =>
    section?.figures[key]?.value;
  const ratios: Record<string, Figure> = report.ratios;
  const e2eAt64 = value(e2e, 'runsPerSecAt64');
  // The bare figure measured right beside the e2e loop: on a shared machine, minutes apart is noise.
  const bareAt64 = value(e2e, 'bareStreamsPerSecAt64') ?? value(bare, 'streamsPerSecAt64');
  const bareCpuAt64 = value(e2e, 'bareServerCpuAt64') ?? value(bare, 'serverCpuAt64');
  if (e2eAt64 !== undefined && bareAt64 !== undefined) {
    ratios.runsPerSecAt64 = figure('e2e runs/s / bare streams/s at 64', e2eAt64 / bareAt64, 'x', {
      comparison: '>=',
      value: E2E_TARGETS.runsRatioAt64,
    });
  }
  const targets: [string, string, string, '<=', number][] = [
    ['firstTokenP50', 'firstTokenP50', 'e2e time to first token p50', '<=', E2E_TARGETS.firstTokenP50Ms],
    ['doneP50', 'doneP50', 'e2e time to DONE p50', '<=', E2E_TARGETS.doneP50Ms],
    [
      'cpuPerRun',
      'cpuPerRunAt64',
      'e2e CPU per run (gateway + orchestrator, at 64)',
      '<=',
      E2E_TARGETS.cpuMsPerRun,
    ],
    ['idleKiB', 'idleKiBPerStream', 'e2e gateway RSS per idle stream', '<=', E2E_TARGETS.idleKiBPerStream],
  ];
  for (const [key, source, label, comparison, target] of targets) {
    const item = e2e.figures[source];
    if (item !== undefined) ratios[key] = figure(label, item.value, item.unit, { comparison, value: target });
  }
  // Context without targets: how far above the floor each figure is.
  const relative: [string, string, number | undefined, number | undefined][] = [
    [
      'firstTokenVsBare',
      'e2e first token p50 / bare first event p50',
      value(e2e, 'firstTokenP50'),
      value(bare, 'firstEventP50'),
    ],
    ['doneVsBare', 'e2e DONE p50 / bare DONE p50', value(e2e, 'doneP50'), value(bare, 'doneP50')],
    [
      'cpuVsBare',
      'e2e CPU per run / bare server CPU per stream at 64',
      value(e2e, 'cpuPerRunAt64'),
      bareCpuAt64,
    ],
    [
      'idleVsBare',
      'e2e idle KiB / bare idle KiB',
      value(e2e, 'idleKiBPerStream'),
      value(idle, 'rssPerStream'),
    ],
  ];
  for (const [key, label, numerator, denominator] of relative) {
    if (numerator !== undefined && denominator !== undefined && denominator > 0) {
      ratios[key] = figure(label, numerator / denominator, 'x');
    }
  }
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args !== '') console.error(args);
    console.error(USAGE);
    return args === '' ? 0 : 2;
  }
  const context: BenchContext = {
    quick: args.quick,
    natsServers: natsTestServers(),
    log: (message) => console.error(`[bench] ${message}`),
  };
  const report: BenchReport = {
    version: 1,
    startedAt: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    only: args.only,
    host: hostInfo(),
    blocks: {},
    ratios: {},
  };
  let failed = false;

  if (args.only === 'e2e' || args.only === 'agent') {
    // Fail before measuring anything when the services are not there.
    try {
      locateServices(args.services);
    } catch (error) {
      if (!(error instanceof ServicesMissingError)) throw error;
      console.error(`bench: cannot run the ${args.only} section: ${error.message}`);
      return 1;
    }
  }

  const blocks: readonly Block[] = args.only === 'all' || args.only === 'blocks' ? BLOCKS : [];
  for (const block of blocks) {
    try {
      report.blocks[block.id] = await block.run(context);
    } catch (error) {
      failed = true;
      console.error(
        `[bench] ${block.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
      );
      report.blocks[block.id] = { id: block.id, title: block.title, skipped: `failed: ${messageOf(error)}` };
    }
  }

  if (args.only === 'all' || args.only === 'e2e') {
    const e2e = await measureServiceSection('e2e', 'Palyra end to end', args.only, () =>
      measureEndToEnd(context, {
        client: args.e2eClient,
        services: args.services,
        logDir: join(REPOSITORY_ROOT, 'loadtest', 'results', 'logs'),
      }),
    );
    report.e2e = e2e.section;
    failed ||= e2e.failed;
    computeRatios(report);
  }

  if (args.only === 'all' || args.only === 'agent') {
    const agent = await measureServiceSection('agent', 'Agent loop latency', args.only, () =>
      measureAgentLatency(context, {
        services: args.services,
        logDir: join(REPOSITORY_ROOT, 'loadtest', 'results', 'logs', 'agent'),
      }),
    );
    report.agent = agent.section;
    failed ||= agent.failed;
  }

  report.finishedAt = new Date().toISOString();
  report.host = { ...report.host, loadAverageAtEnd: loadavg() };
  writeReport(args.out, report);
  console.log(renderTable(report));
  console.error(`[bench] wrote ${args.out}`);
  return failed ? 1 : 0;
}

// Ctrl-C: exit, so the 'exit' hooks kill the services and the bare server goes with its IPC channel.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: stopping (temporary databases and streams may be left behind)`);
    process.exit(130);
  });
}

// Exit explicitly: a measurement that failed half-way may leave a socket or timer behind, and the
// table and the JSON are written by now (stdout to a pipe or file is synchronous on Linux).
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
