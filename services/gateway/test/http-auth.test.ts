import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { credentials, Metadata } from '@grpc/grpc-js';
import { newId } from '@palyra/core';
import { type ListSessionsResponse__Output, loadPalyraGrpcObject } from '@palyra/proto';
import type { Gateway } from '../src/app.js';
import { unary } from './harness.js';
import {
  ADMIN_TOKEN,
  callerProbeRoutes,
  type Envelope,
  json,
  OPERATOR_HEADERS,
  tenantHeaders,
  useHttpTestbed,
} from './http-support.js';

interface CallerJson {
  tenant_id: string;
  principal: string;
  device_id: string;
  credential: string;
  roles: string[];
  is_admin: boolean;
}

describe('HTTP auth', () => {
  const testbed = useHttpTestbed();
  let gateway: Gateway;

  before(() => {
    gateway = testbed().gateway({ httpRoutes: [callerProbeRoutes] });
  });

  const status = (url: string, headers: Record<string, string> = {}) =>
    gateway.http.inject({ method: 'GET', url, headers });

  /** Asserts an auth rejection: status, code, message, and that the credential is not echoed. */
  async function assertRejected(
    url: string,
    headers: Record<string, string>,
    expected: { status: number; code: string; error: string },
    credential?: string,
  ): Promise<void> {
    const response = await status(url, headers);
    assert.equal(response.statusCode, expected.status, response.body);
    const body = json<Envelope>(response);
    assert.equal(body.code, expected.code);
    assert.equal(body.error, expected.error);
    assert.equal(body.category, 'auth');
    if (credential !== undefined) assert.ok(!response.body.includes(credential));
  }

  describe('operator routes (/admin/v1)', () => {
    it('take the admin token, and a principal header for audit', async () => {
      const response = await status('/admin/v1/tenants', OPERATOR_HEADERS);
      assert.equal(response.statusCode, 200);
      const named = await status('/admin/v1/tenants', {
        ...OPERATOR_HEADERS,
        'x-palyra-principal': 'ops:carol',
      });
      assert.equal(named.statusCode, 200);
    });

    it('answer 401 without a credential', async () => {
      await assertRejected(
        '/admin/v1/status',
        {},
        { status: 401, code: 'UNAUTHENTICATED', error: 'missing authorization header' },
      );
    });

    it('answer 403 for a wrong token, a JWT (even a tenant admin) or an API key', async () => {
      const wrong = 'wrong-admin-token-0123456789';
      await assertRejected(
        '/admin/v1/status',
        { authorization: `Bearer ${wrong}` },
        { status: 403, code: 'PERMISSION_DENIED', error: 'the operator admin token is required' },
        wrong,
      );
      const tenantId = await testbed().tenant();
      const jwt = await testbed().jwt(tenantId, 'admin:alice', { roles: ['admin'] });
      await assertRejected(
        '/admin/v1/status',
        tenantHeaders(jwt),
        { status: 403, code: 'PERMISSION_DENIED', error: 'the operator admin token is required' },
        jwt,
      );
      await assertRejected(
        '/admin/v1/status',
        { authorization: `Basic ${ADMIN_TOKEN}` },
        { status: 403, code: 'PERMISSION_DENIED', error: 'authorization must be a Bearer token' },
        ADMIN_TOKEN,
      );
    });
  });

  describe('tenant routes', () => {
    it('accept a JWT, with the tenant, subject and roles of its claims', async () => {
      const tenantId = await testbed().tenant();
      const jwt = await testbed().jwt(tenantId, 'user:alice', { roles: ['reader'] });
      const deviceId = newId();
      const response = await status(
        '/test/v1/caller',
        tenantHeaders(jwt, { 'x-palyra-device-id': deviceId }),
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(json<CallerJson>(response), {
        tenant_id: tenantId,
        principal: 'user:alice',
        device_id: deviceId,
        credential: 'jwt',
        roles: ['reader'],
        is_admin: false,
      });
    });

    it('accept the admin token with context headers, in the tenant it names', async () => {
      const tenantId = await testbed().tenant();
      const response = await status(
        '/test/v1/caller',
        tenantHeaders(ADMIN_TOKEN, { 'x-palyra-tenant': tenantId, 'x-palyra-principal': 'ops' }),
      );
      assert.equal(response.statusCode, 200);
      assert.equal(json<CallerJson>(response).tenant_id, tenantId);
      assert.equal(json<CallerJson>(response).credential, 'admin_token');
    });

    it('answer 401 without a credential and 403 for a wrong one', async () => {
      await assertRejected(
        '/test/v1/caller',
        { 'x-palyra-device-id': newId() },
        {
          status: 401,
          code: 'UNAUTHENTICATED',
          error: 'missing authorization header',
        },
      );
      const wrong = 'definitely-not-a-credential';
      await assertRejected(
        '/test/v1/caller',
        tenantHeaders(wrong),
        { status: 403, code: 'PERMISSION_DENIED', error: 'invalid admin token or JWT' },
        wrong,
      );
    });

    it('answer 403 "token expired" for an expired JWT, and name a bad signature', async () => {
      const tenantId = await testbed().tenant();
      const expired = await testbed().jwt(tenantId, 'user:alice', { expiresInSeconds: -120 });
      await assertRejected(
        '/test/v1/caller',
        tenantHeaders(expired),
        { status: 403, code: 'PERMISSION_DENIED', error: 'token expired' },
        expired,
      );
      const valid = await testbed().jwt(tenantId, 'user:alice');
      const forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(43)}`;
      await assertRejected(
        '/test/v1/caller',
        tenantHeaders(forged),
        { status: 403, code: 'PERMISSION_DENIED', error: 'token signature is invalid' },
        forged,
      );
    });

    it('refuse a suspended tenant, and let it in again once resumed', async () => {
      const tenantId = await testbed().tenant();
      const jwt = await testbed().jwt(tenantId, 'user:alice');
      assert.equal((await status('/test/v1/caller', tenantHeaders(jwt))).statusCode, 200);
      const suspend = await gateway.http.inject({
        method: 'POST',
        url: `/admin/v1/tenants/${tenantId}/suspend`,
        headers: OPERATOR_HEADERS,
      });
      assert.equal(suspend.statusCode, 200);
      // This replica forgets its cached tenant state at once.
      await assertRejected('/test/v1/caller', tenantHeaders(jwt), {
        status: 403,
        code: 'PERMISSION_DENIED',
        error: 'tenant is suspended',
      });
      await gateway.http.inject({
        method: 'POST',
        url: `/admin/v1/tenants/${tenantId}/resume`,
        headers: OPERATOR_HEADERS,
      });
      assert.equal((await status('/test/v1/caller', tenantHeaders(jwt))).statusCode, 200);
    });
  });

  describe('API keys', () => {
    async function createKey(tenantId: string, body: Record<string, unknown> = { name: 'ci' }) {
      const response = await gateway.http.inject({
        method: 'POST',
        url: `/admin/v1/tenants/${tenantId}/api-keys`,
        headers: OPERATOR_HEADERS,
        payload: body,
      });
      assert.equal(response.statusCode, 201, response.body);
      return json<{ key: { key_id: string; principal: string }; secret: string }>(response);
    }

    it('authenticate as apikey:<key_id> in their tenant, the key id standing in for the device', async () => {
      const tenantId = await testbed().tenant();
      const { key, secret } = await createKey(tenantId);
      assert.equal(key.principal, `apikey:${key.key_id}`);
      const response = await status('/test/v1/caller', { authorization: `Bearer ${secret}` });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(json<CallerJson>(response), {
        tenant_id: tenantId,
        principal: `apikey:${key.key_id}`,
        device_id: key.key_id,
        credential: 'api_key',
        roles: [],
        is_admin: false,
      });
      const admin = await createKey(tenantId, {
        name: 'deploy bot',
        principal: 'svc:deploy',
        roles: ['admin'],
      });
      const asAdmin = json<CallerJson>(await status('/test/v1/caller', tenantHeaders(admin.secret)));
      assert.equal(asAdmin.principal, 'svc:deploy');
      assert.equal(asAdmin.is_admin, true);
    });

    it('stop working once revoked (403), without echoing the key', async () => {
      const tenantId = await testbed().tenant();
      const { key, secret } = await createKey(tenantId);
      assert.equal((await status('/test/v1/caller', { authorization: `Bearer ${secret}` })).statusCode, 200);
      const revoke = await gateway.http.inject({
        method: 'DELETE',
        url: `/admin/v1/tenants/${tenantId}/api-keys/${key.key_id}`,
        headers: OPERATOR_HEADERS,
      });
      assert.equal(revoke.statusCode, 200);
      await assertRejected(
        '/test/v1/caller',
        { authorization: `Bearer ${secret}` },
        { status: 403, code: 'PERMISSION_DENIED', error: 'API key is unknown or revoked' },
        secret,
      );
    });

    it('never open another tenant: a key names its tenant and is looked up only there', async () => {
      const tenantId = await testbed().tenant();
      const other = await testbed().tenant();
      const { secret } = await createKey(tenantId);
      const moved = secret.replace(`pk_${tenantId}_`, `pk_${other}_`);
      await assertRejected(
        '/test/v1/caller',
        { authorization: `Bearer ${moved}` },
        { status: 403, code: 'PERMISSION_DENIED', error: 'API key is unknown or revoked' },
        moved,
      );
      await assertRejected(
        '/test/v1/caller',
        { authorization: `Bearer ${secret}`, 'x-palyra-tenant': other },
        {
          status: 403,
          code: 'PERMISSION_DENIED',
          error: 'x-palyra-tenant does not match the API key tenant',
        },
        secret,
      );
    });

    it('authenticate gRPC calls too', async (t) => {
      const grpcGateway = testbed().gateway();
      const ports = await grpcGateway.listen();
      const tenantId = await testbed().tenant();
      const { secret } = await createKey(tenantId);
      const client = new (loadPalyraGrpcObject().palyra.gateway.v1.GatewayService)(
        `127.0.0.1:${ports.grpcPort}`,
        credentials.createInsecure(),
      );
      t.after(() => client.close());
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${secret}`);
      const response = await unary<ListSessionsResponse__Output>((done) =>
        client.ListSessions({ v: 1 }, metadata, done),
      );
      assert.deepEqual(response.sessions, []);
      const revoked = new Metadata();
      revoked.set('authorization', `Bearer ${secret.slice(0, -4)}AAAA`);
      await assert.rejects(
        unary((done) => client.ListSessions({ v: 1 }, revoked, done)),
        (error: { details?: string }) => error.details === 'API key is unknown or revoked',
      );
    });
  });
});
