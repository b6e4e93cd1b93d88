import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ERROR_CODE_TRAITS, LIMITS, PalyraError } from '@palyra/core';
import { Type } from 'typebox';
import type { Gateway } from '../src/app.js';
import type { HttpRoutes } from '../src/http/http-context.js';
import { type Envelope, json, OPERATOR_HEADERS, recordingLogger, useHttpTestbed } from './http-support.js';

/** Public test routes that fail on purpose: a PalyraError and an unexpected error with internals. */
const failingRoutes: HttpRoutes = (app) => {
  app.get(
    '/test/v1/budget',
    {
      config: { auth: 'public' },
      schema: {
        summary: 'Fails with BUDGET_EXCEEDED (test route)',
        tags: ['test'],
        response: { 200: Type.Object({}) },
      },
    },
    async () => {
      throw new PalyraError('BUDGET_EXCEEDED', 'tenant budget "daily" is exhausted', {
        violations: [{ field: 'budget', code: 'exhausted', message: 'daily budget is exhausted' }],
      });
    },
  );
  app.get(
    '/test/v1/boom',
    {
      config: { auth: 'public' },
      schema: {
        summary: 'Fails with an unexpected error (test route)',
        tags: ['test'],
        response: { 200: Type.Object({}) },
      },
    },
    async () => {
      throw new Error('connection to 10.1.2.3 refused: password=hunter2');
    },
  );
};

function assertEnvelope(body: Envelope, code: keyof typeof ERROR_CODE_TRAITS): void {
  assert.deepEqual(Object.keys(body).sort(), ['category', 'code', 'error', 'retryable', 'validation_errors']);
  assert.equal(body.code, code);
  assert.equal(body.category, ERROR_CODE_TRAITS[code].category);
  assert.equal(body.retryable, ERROR_CODE_TRAITS[code].retryable);
  assert.ok(body.error.length > 0);
}

describe('HTTP error envelope', () => {
  const testbed = useHttpTestbed();
  const logger = recordingLogger();
  let gateway: Gateway;

  before(() => {
    gateway = testbed().gateway({ httpRoutes: [failingRoutes], logger });
  });

  it('answers an unknown route with 404 NOT_FOUND, without echoing the query', async () => {
    const response = await gateway.http.inject({
      method: 'GET',
      url: '/admin/v2/nothing?token=secret-value',
    });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = json<Envelope>(response);
    assertEnvelope(body, 'NOT_FOUND');
    assert.equal(body.error, 'no route GET /admin/v2/nothing');
    assert.deepEqual(body.validation_errors, []);
    assert.ok(!response.body.includes('secret-value'));
  });

  it('names every bad body field', async () => {
    const response = await gateway.http.inject({
      method: 'POST',
      url: '/admin/v1/tenants',
      headers: OPERATOR_HEADERS,
      payload: { tenant_id: 'Not A Tenant', display_name: '   ', surprise: true },
    });
    assert.equal(response.statusCode, 400);
    const body = json<Envelope>(response);
    assertEnvelope(body, 'INVALID_ARGUMENT');
    const byField = new Map(body.validation_errors.map((violation) => [violation.field, violation]));
    assert.deepEqual([...byField.keys()].sort(), ['body.display_name', 'body.surprise', 'body.tenant_id']);
    assert.equal(byField.get('body.display_name')?.message, 'body.display_name must not be blank');
    assert.equal(byField.get('body.surprise')?.code, 'additionalProperties');
    assert.equal(byField.get('body.tenant_id')?.code, 'pattern');
    assert.match(body.error, /^body\.\w+ .+ \(and 2 more\)$/);

    const missing = await gateway.http.inject({
      method: 'POST',
      url: '/admin/v1/tenants',
      headers: OPERATOR_HEADERS,
      payload: {},
    });
    const missingBody = json<Envelope>(missing);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missingBody.validation_errors, [
      { field: 'body.tenant_id', code: 'required', message: 'body.tenant_id is required' },
    ]);
    assert.equal(missingBody.error, 'body.tenant_id is required');
  });

  it('names bad query and path parameters', async () => {
    const query = await gateway.http.inject({
      method: 'GET',
      url: '/admin/v1/tenants?limit=0',
      headers: OPERATOR_HEADERS,
    });
    assert.equal(query.statusCode, 400);
    assert.deepEqual(
      json<Envelope>(query).validation_errors.map((violation) => violation.field),
      ['query.limit'],
    );
    const tooMany = await gateway.http.inject({
      method: 'GET',
      url: `/admin/v1/tenants?limit=${LIMITS.pageSizeMax + 1}`,
      headers: OPERATOR_HEADERS,
    });
    assert.equal(json<Envelope>(tooMany).validation_errors[0]?.field, 'query.limit');
    const params = await gateway.http.inject({
      method: 'GET',
      url: '/admin/v1/tenants/UPPER',
      headers: OPERATOR_HEADERS,
    });
    assert.equal(params.statusCode, 400);
    assert.equal(json<Envelope>(params).validation_errors[0]?.field, 'params.tenant_id');
  });

  it('answers a body over 64 KiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await gateway.http.inject({
      method: 'POST',
      url: '/admin/v1/tenants',
      headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json' },
      payload: JSON.stringify({ tenant_id: 'big', display_name: 'x'.repeat(LIMITS.httpBodyBytes) }),
    });
    assert.equal(response.statusCode, 413);
    const body = json<Envelope>(response);
    assertEnvelope(body, 'PAYLOAD_TOO_LARGE');
    assert.equal(body.error, `request body is larger than the limit of ${LIMITS.httpBodyBytes} bytes`);
  });

  it('answers another content type with 415, and bad or empty JSON with 400', async () => {
    const plain = await gateway.http.inject({
      method: 'POST',
      url: '/admin/v1/tenants',
      headers: { ...OPERATOR_HEADERS, 'content-type': 'text/plain' },
      payload: 'tenant_id=acme',
    });
    assert.equal(plain.statusCode, 415);
    assertEnvelope(json<Envelope>(plain), 'INVALID_ARGUMENT');
    assert.equal(json<Envelope>(plain).error, 'unsupported content type; send application/json');

    const broken = await gateway.http.inject({
      method: 'POST',
      url: '/admin/v1/tenants',
      headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json' },
      payload: '{"tenant_id": ',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(json<Envelope>(broken).error, 'request body is not valid JSON');

    const empty = await gateway.http.inject({
      method: 'POST',
      url: '/admin/v1/tenants',
      headers: { ...OPERATOR_HEADERS, 'content-type': 'application/json' },
      payload: '',
    });
    assert.equal(empty.statusCode, 400);
    assertEnvelope(json<Envelope>(empty), 'INVALID_ARGUMENT');
  });

  it("maps a PalyraError through its code's traits, with its violations", async () => {
    const response = await gateway.http.inject({ method: 'GET', url: '/test/v1/budget' });
    assert.equal(response.statusCode, ERROR_CODE_TRAITS.BUDGET_EXCEEDED.http);
    assert.deepEqual(json<Envelope>(response), {
      error: 'tenant budget "daily" is exhausted',
      code: 'BUDGET_EXCEEDED',
      category: 'limit',
      retryable: false,
      validation_errors: [{ field: 'budget', code: 'exhausted', message: 'daily budget is exhausted' }],
    });
  });

  it('answers an unexpected error with 500 INTERNAL without internals, and logs it once', async () => {
    const before = logger.records.length;
    const response = await gateway.http.inject({ method: 'GET', url: '/test/v1/boom' });
    assert.equal(response.statusCode, 500);
    const body = json<Envelope>(response);
    assertEnvelope(body, 'INTERNAL');
    assert.equal(body.error, 'internal error');
    assert.ok(!response.body.includes('hunter2'));
    const logged = logger.records.slice(before);
    assert.equal(logged.length, 1);
    const [record] = logged;
    assert.ok(record);
    assert.equal(record.level, 'error');
    assert.equal(record.message, 'http request failed');
    assert.equal((record.fields.err as Error).message, 'connection to 10.1.2.3 refused: password=hunter2');
    assert.equal(record.fields.route, '/test/v1/boom');
  });
});
