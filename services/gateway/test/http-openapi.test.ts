import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { silentLogger } from '@palyra/core';
import { createMetrics } from '@palyra/telemetry';
import type { RouteOptions } from 'fastify';
import { createGatewayMetrics } from '../src/gateway-metrics.js';
import { consoleRoutes } from '../src/http/console/console-routes.js';
import { buildHttpApp, type HttpApp } from '../src/http/http-app.js';
import { DEFAULT_FOLLOW_SETTINGS } from '../src/run-stream/run-follower.js';
import { callerProbeRoutes, useHttpTestbed } from './http-support.js';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const ERROR_REF = '#/components/schemas/ErrorEnvelope';

/** Every route fastify registers on the app, as `METHOD /path/{param}`; HEAD mirrors GET. */
function collectRoutes(app: HttpApp): { routes: Set<string>; auth: Map<string, string> } {
  const routes = new Set<string>();
  const auth = new Map<string, string>();
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.startsWith('/docs')) return;
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const key = `${method} ${path}`;
      routes.add(key);
      auth.set(key, String((route.config as { auth?: string } | undefined)?.auth));
    }
  });
  return { routes, auth };
}

async function documentOf(app: HttpApp): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(response.statusCode, 200, response.body);
  return JSON.parse(response.body) as OpenApiDocument;
}

/** The document lists exactly the app's routes, each with summary, tags, responses and security. */
async function assertDocumentsEveryRoute(app: HttpApp): Promise<OpenApiDocument> {
  const { routes, auth } = collectRoutes(app);
  const document = await documentOf(app);
  await SwaggerParser.validate(structuredClone(document) as never);
  assert.equal(document.openapi, '3.1.0');

  const documented = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const key = `${method.toUpperCase()} ${path}`;
      documented.add(key);
      assert.ok(operation.summary && operation.summary.length > 0, `${key} has a summary`);
      assert.ok(operation.tags && operation.tags.length > 0, `${key} has tags`);
      const statuses = Object.keys(operation.responses);
      assert.ok(
        statuses.some((status) => /^2/.test(status)),
        `${key} documents its success response`,
      );
      for (const errorStatus of ['4XX', '5XX']) {
        const schema = operation.responses[errorStatus]?.content?.['application/json']?.schema;
        assert.equal(schema?.$ref, ERROR_REF, `${key} ${errorStatus} is the ErrorEnvelope`);
      }
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        assert.ok(
          operation.parameters?.some((parameter) => parameter.in === 'path' && parameter.name === name),
          `${key} documents its path parameter ${name}`,
        );
      }
      const expectedSecurity = { public: undefined, operator: 'operatorToken', tenant: 'tenantCredential' }[
        auth.get(key) as 'public' | 'operator' | 'tenant'
      ];
      assert.equal(Object.keys(operation.security?.[0] ?? {})[0], expectedSecurity, `${key} security`);
    }
  }
  assert.deepEqual([...documented].sort(), [...routes].sort());
  assert.deepEqual(Object.keys(document.components.schemas), ['ErrorEnvelope']);
  return document;
}

describe('OpenAPI document', () => {
  const testbed = useHttpTestbed();

  it("validates and lists every route of the gateway's app, public and unauthenticated", async () => {
    const gateway = testbed().gateway({ httpRoutes: [callerProbeRoutes] });
    const document = await assertDocumentsEveryRoute(gateway.http);
    for (const expected of [
      'get /healthz',
      'get /readyz',
      'get /metrics',
      'get /openapi.json',
      'get /admin/v1/status',
      'post /admin/v1/tenants',
      'get /admin/v1/tenants',
      'get /admin/v1/tenants/{tenant_id}',
      'post /admin/v1/tenants/{tenant_id}/suspend',
      'post /admin/v1/tenants/{tenant_id}/resume',
      'post /admin/v1/tenants/{tenant_id}/api-keys',
      'get /admin/v1/tenants/{tenant_id}/api-keys',
      'delete /admin/v1/tenants/{tenant_id}/api-keys/{key_id}',
      'get /admin/v1/journal/recent',
      'post /admin/v1/runs/{run_id}/cancel',
      'get /test/v1/caller',
    ]) {
      const [method = '', path = ''] = expected.split(' ');
      assert.ok(document.paths[path]?.[method], `${expected} is documented`);
    }
  });

  it('covers the console routes too', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const app = buildHttpApp({
      logger: silentLogger,
      routes: [
        consoleRoutes({
          repositories: testbed().repositories,
          bus: testbed().bus,
          metrics: createGatewayMetrics(metrics),
          logger: silentLogger,
          follow: DEFAULT_FOLLOW_SETTINGS,
          isDraining: () => false,
        }),
      ],
      auth: {
        callers: { resolve: () => Promise.reject(new Error('not called: the document needs no caller')) },
        operators: testbed().authenticator,
      },
      openApi: { title: 'console', version: 'test' },
    });
    try {
      const document = await assertDocumentsEveryRoute(app);
      assert.ok(Object.keys(document.paths).some((path) => path.startsWith('/console/v1/')));
    } finally {
      await app.close();
    }
  });

  it('serves swagger-ui at /docs without credentials', async () => {
    const gateway = testbed().gateway();
    const page = await gateway.http.inject({ method: 'GET', url: '/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /swagger-ui/);
    const spec = await gateway.http.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(spec.statusCode, 200);
    assert.equal(JSON.parse(spec.body).openapi, '3.1.0');
  });
});
