import type { Metrics } from '@palyra/telemetry';
import { Type } from 'typebox';
import type { HttpApp, HttpRoutes } from './http-context.js';

export type CheckState = 'ok' | 'unreachable';

export interface ReadinessReport {
  readonly ready: boolean;
  /** Why not ready, e.g. `draining`, `database unreachable`. */
  readonly reason?: string;
  readonly checks: { readonly database: CheckState; readonly bus: CheckState; readonly draining: boolean };
}

export interface HealthRoutesOptions {
  readReadiness(): Promise<ReadinessReport>;
  readonly metrics: Metrics;
  /**
   * Serve /metrics here (default). False when a separate metrics listener serves it
   * (PALYRA_METRICS_PORT), so the scrape port can stay private while the API port is exposed.
   */
  readonly serveMetrics?: boolean;
}

const CheckStateSchema = Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]);
const ChecksSchema = Type.Object({
  database: CheckStateSchema,
  bus: CheckStateSchema,
  draining: Type.Boolean(),
});
const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  reason: Type.Optional(Type.String()),
  checks: ChecksSchema,
});

/** Probes and scrapes are never authenticated nor rate limited: a 429 on /healthz restarts pods. */
const PROBE_CONFIG = { auth: 'public', rateLimit: false } as const;

/** `GET /metrics`: the process's prom-client registry in the Prometheus text format. */
export function metricsRoute(app: HttpApp, metrics: Metrics): void {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics of this process',
        tags: ['health'],
        response: {
          200: {
            description: 'Prometheus text exposition format',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
      config: PROBE_CONFIG,
    },
    async (_request, reply) => {
      const body = await metrics.registry.metrics();
      return reply.type(metrics.contentType).send(body);
    },
  );
}

/**
 * `/healthz`: the process is alive (no dependency checks, so a database outage never restarts
 * replicas). `/readyz`: database and bus reachable and not draining; 503 with the reason otherwise.
 * `/metrics`: the process's prom-client registry (unless served on its own port). All three are
 * unauthenticated: in production keep them off the public listener (PALYRA_METRICS_PORT for
 * /metrics, and an ingress that routes only /admin, /console and /openapi.json).
 */
export function healthRoutes(options: HealthRoutesOptions): HttpRoutes {
  return (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          summary: 'Liveness: the process is up',
          tags: ['health'],
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
        config: PROBE_CONFIG,
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          summary: 'Readiness: database and bus reachable and not draining',
          tags: ['health'],
          response: { 200: ReadinessSchema, 503: ReadinessSchema },
        },
        config: PROBE_CONFIG,
      },
      async (_request, reply) => {
        const report = await options.readReadiness();
        if (report.ready) return { status: 'ready' as const, checks: report.checks };
        return reply.status(503).send({
          status: 'not_ready' as const,
          ...(report.reason === undefined ? {} : { reason: report.reason }),
          checks: report.checks,
        });
      },
    );
    if (options.serveMetrics ?? true) metricsRoute(app, options.metrics);
  };
}
