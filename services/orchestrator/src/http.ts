import type { Metrics } from '@palyra/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';

export interface Readiness {
  readonly ready: boolean;
  /** Why not, for operators: `starting`, `draining`, `database: ...`, `bus: ...`. */
  readonly reason?: string;
}

export interface HttpAppOptions {
  readonly metrics: Metrics;
  readonly readiness: () => Promise<Readiness>;
}

/**
 * `/healthz` (the process is alive; never checks dependencies), `/readyz` (dependencies
 * reachable and not draining) and `/metrics`. Built without listening: `main.ts` listens, tests
 * use `inject()`.
 */
export function buildHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await options.readiness();
    if (readiness.ready) return { status: 'ready' };
    return reply.code(503).send({ status: 'not_ready', reason: readiness.reason ?? 'not ready' });
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await options.metrics.registry.metrics();
    return reply.type(options.metrics.contentType).send(body);
  });
  return app;
}
