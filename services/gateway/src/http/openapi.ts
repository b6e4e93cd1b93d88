import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import type { HttpApp, RouteAuth } from './http-context.js';

/** Where swagger-ui is served; everything under it is documentation plumbing, public and hidden. */
export const DOCS_PREFIX = '/docs';
export const OPENAPI_PATH = '/openapi.json';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

/** Security requirement per route auth; public routes need none. */
const SECURITY: Readonly<Record<RouteAuth, readonly Record<string, string[]>[]>> = {
  public: [],
  operator: [{ operatorToken: [] }],
  tenant: [{ tenantCredential: [] }],
};

const DESCRIPTION = [
  'Errors: every 4xx/5xx response is an ErrorEnvelope with the same codes as the gRPC API.',
  'A missing credential is 401 UNAUTHENTICATED; a wrong, expired or revoked one, or one not',
  'allowed on the route, is 403 PERMISSION_DENIED. Rate limits answer 429 RATE_LIMITED with',
  'Retry-After (seconds). Request bodies are JSON, at most 64 KiB (413 PAYLOAD_TOO_LARGE).',
  'Lists page with `?cursor=&limit=` (limit 1..500, default 100) and answer',
  '`{ items, next_cursor }`, `next_cursor` null on the last page.',
].join(' ');

export function isDocumentationRoute(url: string): boolean {
  return url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`);
}

function authOf(route: RouteOptions): RouteAuth {
  return (route.config as { auth?: RouteAuth } | undefined)?.auth ?? 'public';
}

/**
 * Registers the OpenAPI 3.1 generator (from the route schemas: one source for validation,
 * serialization and the document) and swagger-ui at `/docs`. Shared schemas keep their `$id` as
 * their component name, so the error envelope appears once as `#/components/schemas/ErrorEnvelope`.
 */
export function registerOpenApi(app: FastifyInstance, info: OpenApiInfo): void {
  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: info.title,
        version: info.version,
        description: info.description ?? DESCRIPTION,
      },
      components: {
        securitySchemes: {
          operatorToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'The operator admin token (PALYRA_ADMIN_TOKEN); optional x-palyra-principal for audit',
          },
          tenantCredential: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A JWT, an API key (pk_<tenant>_<key_id>_<secret>), or the admin token with x-palyra-tenant and ' +
              'x-palyra-principal. x-palyra-device-id (a ULID) is required except with API keys, which default it ' +
              'to the key id; x-palyra-channel is optional.',
          },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
    transform: ({ schema, url, route }) => {
      const security = SECURITY[authOf(route)];
      return { schema: { ...schema, ...(security.length > 0 ? { security: [...security] } : {}) }, url };
    },
  });
  void app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
}

/** `GET /openapi.json`: the document, public (it lists routes, never data). */
export function openApiRoutes(app: HttpApp): void {
  app.get(
    OPENAPI_PATH,
    {
      schema: {
        summary: 'The OpenAPI 3.1 document of this API',
        tags: ['meta'],
        response: {
          200: Type.Object(
            { openapi: Type.String(), info: Type.Object({}, { additionalProperties: true }) },
            { additionalProperties: true },
          ),
        },
      },
      config: { auth: 'public' },
    },
    async () => app.swagger() as unknown as { openapi: string; info: Record<string, unknown> },
  );
}
