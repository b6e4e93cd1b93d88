import type { Metrics } from '@palyra/telemetry';
import type { HttpRoutes } from './http-app.js';

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
}

/**
 * `/healthz`: the process is alive (no dependency checks, so a database outage never restarts
 * replicas). `/readyz`: database and bus reachable and not draining; 503 with the reason otherwise.
 * `/metrics`: the process's prom-client registry.
 */
export function healthRoutes(options: HealthRoutesOptions): HttpRoutes {
  return (app) => {
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      const report = await options.readReadiness();
      if (report.ready) return { status: 'ready', checks: report.checks };
      return reply.status(503).send({ status: 'not_ready', reason: report.reason, checks: report.checks });
    });
    app.get('/metrics', async (_request, reply) => {
      const body = await options.metrics.registry.metrics();
      return reply.type(options.metrics.contentType).send(body);
    });
  };
}
