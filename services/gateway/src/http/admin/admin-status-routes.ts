import type { Metrics } from '@palyra/telemetry';
import { type Static, Type } from 'typebox';
import type { VersionInfo } from '../../grpc/gateway-service.js';
import type { ReadinessReport } from '../health-routes.js';
import type { HttpRoutes } from '../http-context.js';
import { ADMIN_TAGS, type AdminContext, adminPath, OPERATOR_ONLY } from './admin-context.js';

/** What the status page reads from the running gateway. */
export interface AdminStatusSource {
  readonly version: VersionInfo;
  readonly startedAtMs: number;
  /** The process registry: counters are read from the same series /metrics exports. */
  readonly metrics: Metrics;
  openStreams(): number;
  readReadiness(): Promise<ReadinessReport>;
  /** Jobs waiting in the run queue (all tenants), or null when the bus did not answer in time. */
  pendingRuns(): Promise<number | null>;
}

const CheckState = Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]);

const StatusSchema = Type.Object({
  version: Type.String(),
  git_hash: Type.String(),
  build_profile: Type.String(),
  uptime_seconds: Type.Integer({ minimum: 0 }),
  ready: Type.Boolean(),
  draining: Type.Boolean(),
  counters: Type.Object(
    {
      open_streams: Type.Integer({ minimum: 0, description: 'RunStreams open on this replica' }),
      runs_admitted_total: Type.Integer({
        minimum: 0,
        description: 'Runs admitted by this replica since start',
      }),
      run_streams_total: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
        description: 'RunStreams ended on this replica since start, by outcome',
      }),
    },
    { description: 'This replica only; sum over replicas with the Prometheus series of the same names' },
  ),
  dependencies: Type.Object({ database: CheckState, bus: CheckState }),
  queues: Type.Object({
    runs: Type.Object({
      pending: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
        description: 'Runs waiting for a worker (all tenants); null when the bus did not answer',
      }),
    }),
  }),
});
type StatusJson = Static<typeof StatusSchema>;

/** Sums a counter's series by one label (or all of them under ''), from the process registry. */
async function counterValues(
  metrics: Metrics,
  name: string,
  label?: string,
): Promise<Record<string, number>> {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) return {};
  const { values } = await metric.get();
  const totals: Record<string, number> = {};
  for (const { value, labels } of values) {
    const key = label === undefined ? '' : String(labels[label] ?? '');
    totals[key] = (totals[key] ?? 0) + value;
  }
  return totals;
}

/** `GET /admin/v1/status`: what an operator checks first. */
export function adminStatusRoutes(context: AdminContext): HttpRoutes {
  const source = context.status;
  return (app) => {
    app.get(
      adminPath('/status'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'Version, uptime, counters, dependencies and queue depths of this replica',
          tags: [ADMIN_TAGS.status],
          response: { 200: StatusSchema },
        },
      },
      async (): Promise<StatusJson> => {
        const [readiness, pending, admitted, streams] = await Promise.all([
          source.readReadiness(),
          source.pendingRuns(),
          counterValues(source.metrics, 'palyra_runs_admitted_total'),
          counterValues(source.metrics, 'palyra_run_streams_total', 'outcome'),
        ]);
        return {
          version: source.version.version,
          git_hash: source.version.gitHash,
          build_profile: source.version.buildProfile,
          uptime_seconds: Math.max(Math.floor((Date.now() - source.startedAtMs) / 1000), 0),
          ready: readiness.ready,
          draining: readiness.checks.draining,
          counters: {
            open_streams: source.openStreams(),
            runs_admitted_total: admitted[''] ?? 0,
            run_streams_total: streams,
          },
          dependencies: { database: readiness.checks.database, bus: readiness.checks.bus },
          queues: { runs: { pending } },
        };
      },
    );
  };
}
