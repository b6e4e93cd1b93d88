import { ERROR_CODE_TRAITS, isPalyraError, LIMITS } from '@palyra/core';
import type { Logger } from '@palyra/telemetry';
import { type FastifyInstance, fastify } from 'fastify';

/** One area of the HTTP API (health, later admin and console): registers its routes. */
export type HttpRoutes = (app: FastifyInstance) => void;

export interface HttpAppOptions {
  readonly logger: Logger;
  /** Areas to register, each a function adding its routes. */
  readonly routes: readonly HttpRoutes[];
  readonly bodyLimitBytes?: number;
}

/**
 * The gateway's fastify app, built but not listening (tests use `inject()`). Errors go through
 * the same table as gRPC: a PalyraError becomes its code's HTTP status with
 * `{ error: { code, message } }`; anything else is logged once and answered 500 'internal error'.
 */
export function buildHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? LIMITS.httpBodyBytes,
    // Probes and scrapes are answered by this process; the balancer in front keeps connections.
    keepAliveTimeout: 65_000,
  });
  app.setErrorHandler((error, request, reply) => {
    if (isPalyraError(error)) {
      void reply
        .status(ERROR_CODE_TRAITS[error.code].http)
        .send({ error: { code: error.code, message: error.message } });
      return;
    }
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      // fastify's own client errors (body too large, bad JSON): safe to echo.
      const message = error instanceof Error ? error.message : 'bad request';
      void reply.status(statusCode).send({ error: { code: 'INVALID_ARGUMENT', message } });
      return;
    }
    options.logger.error({ err: error, method: request.method, url: request.url }, 'http request failed');
    void reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
  for (const register of options.routes) register(app);
  return app;
}
