import fastifyRateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '@palyra/core';
import type { Logger } from '@palyra/telemetry';
import { type FastifyReply, type FastifyRequest, fastify, type RouteOptions } from 'fastify';
import { ERROR_ENVELOPE_ID, ErrorEnvelopeSchema, routeNotFound, toErrorResponse } from './error-envelope.js';
import { createAuthHook, type HttpAuthOptions } from './http-auth.js';
import type { HttpApp, HttpRoutes, RouteAuth } from './http-context.js';
import { isDocumentationRoute, type OpenApiInfo, openApiRoutes, registerOpenApi } from './openapi.js';
import {
  createRequestLimits,
  type HttpRateLimitOptions,
  sharedRateLimitStore,
  startRateLimitSweeper,
} from './rate-limits.js';

export type { HttpApp, HttpRoutes } from './http-context.js';

/** fastify's `trustProxy`: false, true (trust every hop), a hop count, or trusted addresses/CIDRs. */
export type TrustProxy = boolean | number | readonly string[];

export interface HttpAppOptions {
  readonly logger: Logger;
  /** Areas to register (health, admin, console), each a function adding its routes. */
  readonly routes: readonly HttpRoutes[];
  readonly auth: HttpAuthOptions;
  /** Shared per-tenant and per-IP limits; absent = no limits (e.g. a private metrics listener). */
  readonly rateLimits?: HttpRateLimitOptions;
  /** Which proxies' X-Forwarded-For to believe for the client IP (per-IP limits). Default false. */
  readonly trustProxy?: TrustProxy;
  readonly bodyLimitBytes?: number;
  readonly openApi: OpenApiInfo;
}

const ROUTE_AUTHS: readonly RouteAuth[] = ['public', 'operator', 'tenant'];
const ERROR_REFERENCE = { $ref: `${ERROR_ENVELOPE_ID}#` } as const;

/**
 * Holds every route to the same contract at registration: it declares who may call it (a route
 * without `config.auth` fails the app's start instead of being silently public), and its 4xx and
 * 5xx responses are the shared error envelope, so the OpenAPI document lists them for every route.
 */
function completeRoute(route: RouteOptions): void {
  const config = (route.config ?? {}) as { auth?: unknown };
  if (config.auth === undefined && isDocumentationRoute(route.url)) {
    route.config = { ...config, auth: 'public', rateLimit: false };
    return;
  }
  if (!ROUTE_AUTHS.includes(config.auth as RouteAuth)) {
    throw new Error(
      `HTTP route ${String(route.method)} ${route.url} must declare config.auth (${ROUTE_AUTHS.join(', ')})`,
    );
  }
  const schema = route.schema ?? {};
  const response = (schema.response ?? {}) as Record<string, unknown>;
  route.schema = { ...schema, response: { '4xx': ERROR_REFERENCE, '5xx': ERROR_REFERENCE, ...response } };
}

function fastifyTrustProxy(
  trust: TrustProxy | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  if (typeof trust === 'object') return [...trust];
  return trust ?? false;
}

function pathOf(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
}

/**
 * The gateway's fastify app, built but not listening (tests use `inject()`). JSON everywhere;
 * every error, whoever raises it (a handler's PalyraError, validation, an unknown route, a body
 * over 64 KiB, a bad content type or JSON, a rate limit), answers with the one ErrorEnvelope.
 *
 * Request order: per-IP limit -> auth (`config.auth`) -> per-tenant limit -> body parsing ->
 * validation -> handler. Limits and auth run before the body is read, so rejected callers cost
 * no parsing.
 */
export function buildHttpApp(options: HttpAppOptions): HttpApp {
  const logger = options.logger;
  const bodyLimitBytes = options.bodyLimitBytes ?? LIMITS.httpBodyBytes;
  const app = fastify({
    logger: false,
    bodyLimit: bodyLimitBytes,
    // Probes and scrapes are answered by this process; the balancer in front keeps connections.
    keepAliveTimeout: 65_000,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    ajv: {
      // Report every bad field at once, and reject unknown fields instead of dropping them silently.
      customOptions: { allErrors: true, removeAdditional: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: fastify's text/plain parser would turn a text body into a confusing validation error.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('caller', undefined);
  app.decorateRequest('operator', undefined);
  app.addSchema(ErrorEnvelopeSchema);
  app.addHook('onRoute', completeRoute);
  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error, bodyLimitBytes);
    if (response.unexpected) {
      logger.error(
        { err: error, method: request.method, route: request.routeOptions.url },
        'http request failed',
      );
    } else if (response.statusCode >= 500) {
      logger.warn(
        { err: error, method: request.method, route: request.routeOptions.url },
        'http request failed',
      );
    }
    return reply.status(response.statusCode).send(response.body);
  });

  const rateLimits = options.rateLimits;
  if (rateLimits !== undefined) {
    void app.register(fastifyRateLimit, {
      global: false,
      store: sharedRateLimitStore(rateLimits.store, logger),
    });
    if (rateLimits.perIpPerMinute > 0 || rateLimits.perTenantPerMinute > 0) {
      const stopSweeper = startRateLimitSweeper(rateLimits.store, logger);
      app.addHook('onClose', async () => stopSweeper());
    }
  }
  registerOpenApi(app, options.openApi);

  // One child context holds the hooks and every route, so the hooks apply to the 404 handler too.
  void app.register(async (child) => {
    const api = child.withTypeProvider<TypeBoxTypeProvider>();
    const limits = rateLimits === undefined ? undefined : createRequestLimits(api, rateLimits);
    const authenticate = createAuthHook(options.auth);
    api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      await limits?.perIp(request, reply);
      await authenticate(request);
      await limits?.perTenant(request, reply);
    });
    api.setNotFoundHandler((request, reply) => {
      void reply.status(404).send(routeNotFound(request.method, pathOf(request.url)));
    });
    openApiRoutes(api);
    for (const register of options.routes) register(api);
  });
  return app;
}
