import {
  AUTH_HEADERS,
  type Authenticator,
  createHeaderLookup,
  MISSING_AUTHORIZATION_MESSAGE,
} from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import type { FastifyRequest } from 'fastify';
import type { CallerResolver } from '../callers.js';

export interface HttpAuthOptions {
  /** Tenant credentials: JWT, API key, or the admin token with context headers; active tenant. */
  readonly callers: Pick<CallerResolver, 'resolve'>;
  /** The operator surface: the admin token only. */
  readonly operators: Pick<Authenticator, 'authenticateOperator'>;
}

/**
 * Enforces a route's `config.auth` before its body is parsed, so an unauthenticated caller costs
 * no parsing or validation. No credential at all is 401 UNAUTHENTICATED; a credential that is
 * wrong, expired, revoked or not allowed here is 403 PERMISSION_DENIED (the gRPC API answers both
 * with PERMISSION_DENIED). Messages name the problem and never echo the credential.
 */
export function createAuthHook(options: HttpAuthOptions): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    // Unknown routes answer 404 whoever asks: routes are public knowledge (/openapi.json).
    if (request.is404) return;
    const auth = request.routeOptions.config.auth;
    switch (auth) {
      case 'public':
        return;
      case 'operator':
        request.operator = options.operators.authenticateOperator(
          createHeaderLookup((name) => request.headers[name]),
        );
        return;
      case 'tenant': {
        const authorization = request.headers[AUTH_HEADERS.authorization];
        if (authorization === undefined || authorization.trim() === '') {
          throw new PalyraError('UNAUTHENTICATED', MISSING_AUTHORIZATION_MESSAGE);
        }
        request.caller = await options.callers.resolve((name) => request.headers[name]);
        return;
      }
      default:
        // The app refuses to register such routes; reaching this is a bug, so fail closed.
        throw new PalyraError('INTERNAL', 'route declares no auth');
    }
  };
}
