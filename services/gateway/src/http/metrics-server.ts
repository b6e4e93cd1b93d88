import type { Logger, Metrics } from '@palyra/telemetry';
import { type FastifyInstance, fastify } from 'fastify';
import { routeNotFound, toErrorResponse } from './error-envelope.js';

/**
 * The separate /metrics listener (PALYRA_METRICS_PORT): only the scrape endpoint, so the scrape
 * port can stay inside the cluster while the API port faces clients. Errors use the same envelope.
 */
export function buildMetricsApp(metrics: Metrics, logger: Logger): FastifyInstance {
  const app = fastify({ logger: false, keepAliveTimeout: 65_000 });
  app.setErrorHandler((error, _request, reply) => {
    const response = toErrorResponse(error);
    if (response.statusCode >= 500) logger.error({ err: error }, 'metrics request failed');
    return reply.status(response.statusCode).send(response.body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(routeNotFound(request.method, request.url.split('?', 1)[0] ?? ''));
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.contentType).send(body);
  });
  return app;
}
