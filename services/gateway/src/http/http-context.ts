import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CallerContext, OperatorContext } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';

/**
 * The fastify instance every HTTP area registers its routes on. Route schemas are TypeBox, so one
 * declaration gives validation, serialization, the handler's types and the OpenAPI document.
 */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** One area of the HTTP API (health, admin, console): registers its routes. */
export type HttpRoutes = (app: HttpApp) => void;

/**
 * Who may call a route, declared per route as `config: { auth }`; the app's auth hook enforces it
 * before validation and the handler run:
 * - `public`: no credentials (health, metrics, the OpenAPI document).
 * - `operator`: the operator admin token (`/admin/v1`).
 * - `tenant`: any tenant credential (JWT, API key, or the admin token with context headers),
 *   resolved to a CallerContext with an active tenant (`/console/v1`).
 */
export type RouteAuth = 'public' | 'operator' | 'tenant';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** Set by the auth hook on `tenant` routes. */
    caller: CallerContext | undefined;
    /** Set by the auth hook on `operator` routes (the operator belongs to no tenant). */
    operator: OperatorContext | undefined;
  }
}

/** The authenticated caller of a non-public route. */
export function callerOf(request: FastifyRequest): CallerContext {
  const caller = request.caller;
  if (caller === undefined) throw new PalyraError('INTERNAL', 'route has no authenticated caller');
  return caller;
}

/** The operator calling an `operator` route. */
export function operatorOf(request: FastifyRequest): OperatorContext {
  const operator = request.operator;
  if (operator === undefined) throw new PalyraError('INTERNAL', 'route has no authenticated operator');
  return operator;
}
