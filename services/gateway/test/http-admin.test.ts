import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { ControlMessage } from '@palyra/bus';
import { newId } from '@palyra/core';
import type { Gateway } from '../src/app.js';
import { type Envelope, json, OPERATOR_HEADERS, useHttpTestbed } from './http-support.js';

interface TenantJson {
  tenant_id: string;
  display_name: string;
  status: 'active' | 'suspended';
  created_at_unix_ms: number;
}
interface ApiKeyJson {
  tenant_id: string;
  key_id: string;
  name: string;
  principal: string;
  roles: string[];
  created_at_unix_ms: number;
  last_used_at_unix_ms: number | null;
  revoked_at_unix_ms: number | null;
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

describe('/admin/v1', () => {
  const testbed = useHttpTestbed();
  let gateway: Gateway;

  before(() => {
    gateway = testbed().gateway();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    gateway.http.inject({
      method,
      url,
      headers: OPERATOR_HEADERS,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  async function expectError(
    response: Awaited<ReturnType<typeof call>>,
    statusCode: number,
    code: string,
    error?: string,
  ): Promise<Envelope> {
    assert.equal(response.statusCode, statusCode, response.body);
    const body = json<Envelope>(response);
    assert.equal(body.code, code);
    if (error !== undefined) assert.equal(body.error, error);
    return body;
  }

  /** A session and an accepted run of a new tenant, written as the gateway's admission does. */
  async function runOfNewTenant() {
    const { repositories } = testbed();
    const tenantId = await testbed().tenant('run');
    const identity = { principal: 'user:alice', deviceId: newId(), channel: '' };
    const session = await repositories.sessions.create(tenantId, {
      ...identity,
      sessionKey: `key-${newId()}`,
    });
    const { run } = await repositories.runs.create(tenantId, {
      ...identity,
      runId: newId(),
      sessionId: session.sessionId,
      state: 'accepted',
    });
    return { tenantId, session, run };
  }

  describe('GET status', () => {
    it('reports version, uptime, counters, dependencies and the run queue depth', async () => {
      const response = await call('GET', '/admin/v1/status');
      assert.equal(response.statusCode, 200);
      const body = json<Record<string, unknown>>(response);
      assert.equal(body.version, '0.1.0-test');
      assert.equal(body.git_hash, 'test-hash');
      assert.equal(body.build_profile, 'test');
      assert.equal(typeof body.uptime_seconds, 'number');
      assert.equal(body.ready, true);
      assert.equal(body.draining, false);
      assert.deepEqual(body.dependencies, { database: 'ok', bus: 'ok' });
      assert.deepEqual(body.counters, { open_streams: 0, runs_admitted_total: 0, run_streams_total: {} });
      assert.deepEqual(body.queues, { runs: { pending: 0 } });
    });

    it('counts queued runs', async () => {
      const { run, tenantId } = await runOfNewTenant();
      await testbed().bus.runQueue.enqueue({ tenantId, sessionId: run.sessionId, runId: run.runId });
      const body = json<{ queues: { runs: { pending: number } } }>(await call('GET', '/admin/v1/status'));
      assert.equal(body.queues.runs.pending, 1);
    });
  });

  describe('tenants', () => {
    it('creates a tenant once (201, then 409) and gets it', async () => {
      const tenantId = `created-${newId().slice(-8).toLowerCase()}`;
      const created = await call('POST', '/admin/v1/tenants', {
        tenant_id: tenantId,
        display_name: ' Acme Corp ',
      });
      assert.equal(created.statusCode, 201, created.body);
      const tenant = json<TenantJson>(created);
      assert.equal(tenant.tenant_id, tenantId);
      assert.equal(tenant.display_name, 'Acme Corp');
      assert.equal(tenant.status, 'active');
      assert.ok(Math.abs(tenant.created_at_unix_ms - Date.now()) < 3_600_000);
      await expectError(
        await call('POST', '/admin/v1/tenants', { tenant_id: tenantId }),
        409,
        'ALREADY_EXISTS',
        `tenant ${tenantId} already exists`,
      );
      const got = await call('GET', `/admin/v1/tenants/${tenantId}`);
      assert.equal(got.statusCode, 200);
      assert.deepEqual(json<TenantJson>(got), tenant);
      await expectError(
        await call('GET', '/admin/v1/tenants/nobody-here'),
        404,
        'NOT_FOUND',
        'tenant nobody-here not found',
      );
    });

    it('lists tenants by id with cursor paging, next_cursor null at the end', async () => {
      const created = [
        await testbed().tenant('list'),
        await testbed().tenant('list'),
        await testbed().tenant('list'),
      ];
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/admin/v1/tenants?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const response = await call('GET', url);
        assert.equal(response.statusCode, 200, response.body);
        const page = json<Page<TenantJson>>(response);
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((tenant) => tenant.tenant_id));
        cursor = page.next_cursor;
        pages += 1;
      } while (cursor !== null && pages < 100);
      assert.equal(cursor, null);
      assert.deepEqual(seen, [...seen].sort());
      assert.equal(new Set(seen).size, seen.length);
      for (const tenantId of created) assert.ok(seen.includes(tenantId), tenantId);
      const first = json<Page<TenantJson>>(await call('GET', '/admin/v1/tenants'));
      assert.ok(first.items.length >= 3);
    });

    it('suspends and resumes a tenant; unknown tenants are 404', async () => {
      const tenantId = await testbed().tenant();
      const suspended = await call('POST', `/admin/v1/tenants/${tenantId}/suspend`);
      assert.equal(suspended.statusCode, 200);
      assert.equal(json<TenantJson>(suspended).status, 'suspended');
      assert.equal((await testbed().repositories.tenants.get(tenantId))?.status, 'suspended');
      const resumed = await call('POST', `/admin/v1/tenants/${tenantId}/resume`);
      assert.equal(json<TenantJson>(resumed).status, 'active');
      await expectError(await call('POST', '/admin/v1/tenants/nobody-here/suspend'), 404, 'NOT_FOUND');
    });
  });

  describe('API keys', () => {
    it('creates a key whose secret is shown once and stored only as a hash', async () => {
      const tenantId = await testbed().tenant();
      const response = await call('POST', `/admin/v1/tenants/${tenantId}/api-keys`, {
        name: 'ci pipeline',
        roles: ['admin', 'deploy'],
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      const { key, secret } = json<{ key: ApiKeyJson; secret: string }>(response);
      assert.equal(key.tenant_id, tenantId);
      assert.equal(key.name, 'ci pipeline');
      assert.equal(key.principal, `apikey:${key.key_id}`);
      assert.deepEqual(key.roles, ['admin', 'deploy']);
      assert.equal(key.revoked_at_unix_ms, null);
      assert.ok(secret.startsWith(`pk_${tenantId}_${key.key_id}_`));

      const listed = await call('GET', `/admin/v1/tenants/${tenantId}/api-keys`);
      assert.equal(listed.statusCode, 200);
      const page = json<Page<ApiKeyJson>>(listed);
      assert.deepEqual(page, { items: [key], next_cursor: null });
      const secretPart = secret.slice(secret.lastIndexOf('_') + 1);
      const hash = createHash('sha256').update(secretPart).digest('hex');
      assert.ok(!listed.body.includes(secretPart));
      assert.ok(!listed.body.includes(hash));
    });

    it('pages keys and revokes them (the first revocation time stays)', async () => {
      const tenantId = await testbed().tenant();
      const keyIds: string[] = [];
      for (const name of ['a', 'b', 'c']) {
        const created = await call('POST', `/admin/v1/tenants/${tenantId}/api-keys`, {
          name,
          principal: `svc:${name}`,
        });
        keyIds.push(json<{ key: ApiKeyJson }>(created).key.key_id);
      }
      const first = json<Page<ApiKeyJson>>(
        await call('GET', `/admin/v1/tenants/${tenantId}/api-keys?limit=2`),
      );
      assert.equal(first.items.length, 2);
      assert.notEqual(first.next_cursor, null);
      const second = json<Page<ApiKeyJson>>(
        await call('GET', `/admin/v1/tenants/${tenantId}/api-keys?limit=2&cursor=${first.next_cursor}`),
      );
      assert.equal(second.next_cursor, null);
      assert.deepEqual([...first.items, ...second.items].map((key) => key.key_id).sort(), [...keyIds].sort());

      const revoked = await call('DELETE', `/admin/v1/tenants/${tenantId}/api-keys/${keyIds[0]}`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      const revokedAt = json<ApiKeyJson>(revoked).revoked_at_unix_ms;
      assert.equal(typeof revokedAt, 'number');
      const again = await call('DELETE', `/admin/v1/tenants/${tenantId}/api-keys/${keyIds[0]}`);
      assert.equal(json<ApiKeyJson>(again).revoked_at_unix_ms, revokedAt);
      const unknownKey = newId();
      await expectError(
        await call('DELETE', `/admin/v1/tenants/${tenantId}/api-keys/${unknownKey}`),
        404,
        'NOT_FOUND',
        `API key ${unknownKey} not found in tenant ${tenantId}`,
      );
    });

    it("404s an unknown tenant's keys and validates the key fields", async () => {
      await expectError(await call('GET', '/admin/v1/tenants/nobody-here/api-keys'), 404, 'NOT_FOUND');
      await expectError(
        await call('POST', '/admin/v1/tenants/nobody-here/api-keys', { name: 'x' }),
        404,
        'NOT_FOUND',
      );
      const tenantId = await testbed().tenant();
      const invalid = await expectError(
        await call('POST', `/admin/v1/tenants/${tenantId}/api-keys`, { name: '', roles: ['ok', 'not ok'] }),
        400,
        'INVALID_ARGUMENT',
      );
      assert.deepEqual(invalid.validation_errors.map((violation) => violation.field).sort(), [
        'body.name',
        'body.roles.1',
      ]);
      const badKeyId = await expectError(
        await call('DELETE', `/admin/v1/tenants/${tenantId}/api-keys/not-a-ulid`),
        400,
        'INVALID_ARGUMENT',
      );
      assert.equal(badKeyId.validation_errors[0]?.field, 'params.key_id');
    });
  });

  describe('GET journal/recent', () => {
    it("returns a tenant's latest events newest first, limited", async () => {
      const { tenantId, session } = await runOfNewTenant();
      const eventIds: string[] = [];
      for (const text of ['one', 'two', 'three']) {
        const eventId = newId();
        eventIds.push(eventId);
        await testbed().repositories.journal.append(tenantId, session.sessionId, [
          { eventId, kind: 'message_received', actor: 'user', payload: { text, api_key: 'sk-do-not-show' } },
        ]);
      }
      const response = await call('GET', `/admin/v1/journal/recent?tenant_id=${tenantId}&limit=2`);
      assert.equal(response.statusCode, 200, response.body);
      const { items } = json<{
        items: { event_id: string; session_id: string; kind: string; payload: unknown }[];
      }>(response);
      assert.deepEqual(
        items.map((event) => event.event_id),
        [eventIds[2], eventIds[1]],
      );
      assert.equal(items[0]?.session_id, session.sessionId);
      assert.equal(items[0]?.kind, 'message_received');
      assert.ok(!response.body.includes('sk-do-not-show'));
    });

    it('requires an existing tenant_id', async () => {
      const missing = await expectError(
        await call('GET', '/admin/v1/journal/recent'),
        400,
        'INVALID_ARGUMENT',
      );
      assert.deepEqual(
        missing.validation_errors.map((violation) => violation.field),
        ['query.tenant_id'],
      );
      await expectError(
        await call('GET', '/admin/v1/journal/recent?tenant_id=nobody-here'),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('POST runs/{run_id}/cancel', () => {
    it('sets the cancel flag, journals it as requested by the operator, and wakes the worker', async () => {
      const { tenantId, run } = await runOfNewTenant();
      const received: ControlMessage[] = [];
      const subscription = testbed().bus.control.listen(tenantId, run.runId, (message) =>
        received.push(message),
      );
      await subscription.ready;
      try {
        const response = await call('POST', `/admin/v1/runs/${run.runId}/cancel`, {
          tenant_id: tenantId,
          reason: 'runaway tool loop',
        });
        assert.equal(response.statusCode, 202, response.body);
        assert.deepEqual(json(response), {
          tenant_id: tenantId,
          run_id: run.runId,
          session_id: run.sessionId,
          state: 'accepted',
          cancel_requested: true,
          cancel_reason: 'runaway tool loop',
          cancel_requested_by: 'operator',
        });
        assert.deepEqual(received, [
          { type: 'cancel', reason: 'runaway tool loop', requestedBy: 'operator' },
        ]);
        // A repeated request changes nothing durable: the first reason stays, one journal event.
        const again = await call('POST', `/admin/v1/runs/${run.runId}/cancel`, { tenant_id: tenantId });
        assert.equal(json<{ cancel_reason: string }>(again).cancel_reason, 'runaway tool loop');
        const inputs = await testbed().repositories.journal.readRunInputs(tenantId, run.runId);
        const cancels = inputs.filter((event) => event.kind === 'run_cancel_requested');
        assert.equal(cancels.length, 1);
        assert.deepEqual(cancels[0]?.payload, { reason: 'runaway tool loop', requested_by: 'operator' });
      } finally {
        subscription.unsubscribe();
      }
    });

    it('404s an unknown run, or a run asked for in another tenant', async () => {
      const { run } = await runOfNewTenant();
      const other = await testbed().tenant();
      await expectError(
        await call('POST', `/admin/v1/runs/${run.runId}/cancel`, { tenant_id: other }),
        404,
        'RUN_NOT_FOUND',
        `run ${run.runId} not found in tenant ${other}`,
      );
      const invalid = await expectError(
        await call('POST', '/admin/v1/runs/not-a-run/cancel', { reason: 'x' }),
        400,
        'INVALID_ARGUMENT',
      );
      assert.deepEqual(invalid.validation_errors.map((violation) => violation.field).sort(), [
        'params.run_id',
      ]);
    });
  });
});
