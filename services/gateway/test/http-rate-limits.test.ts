import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectPostgres, createRepositories } from '@palyra/journal';
import type { Gateway } from '../src/app.js';
import { RATE_LIMIT_WINDOW_MS } from '../src/http/rate-limits.js';
import {
  callerProbeRoutes,
  type Envelope,
  json,
  recordingLogger,
  tenantHeaders,
  useHttpTestbed,
} from './http-support.js';

const limits = (
  perTenantPerMinute: number,
  perIpPerMinute: number,
  trustProxy: boolean | number = false,
) => ({
  httpApi: {
    trustProxy,
    rateLimitPerTenantPerMinute: perTenantPerMinute,
    rateLimitPerIpPerMinute: perIpPerMinute,
  },
});

/** An address of this test only: the counters live in the shared database. */
function uniqueAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/**
 * Windows are fixed minutes shared by every replica. A test that counts to a limit starts early in
 * a window, so the count cannot be split by a window ending in the middle; this waits at most
 * 10 s, and only when the current window is about to end.
 */
async function startOfFreshWindow(): Promise<void> {
  const remaining = RATE_LIMIT_WINDOW_MS - (Date.now() % RATE_LIMIT_WINDOW_MS);
  if (remaining < 10_000) await sleep(remaining + 50);
}

function assertRateLimited(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  what: string,
) {
  assert.equal(response.statusCode, 429, response.body);
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(response.headers['x-ratelimit-remaining'], '0');
  const body = json<Envelope>(response as never);
  assert.equal(body.code, 'RATE_LIMITED');
  assert.equal(body.category, 'limit');
  assert.equal(body.retryable, true);
  assert.match(
    body.error,
    new RegExp(`^rate limit of \\d+ requests per minute ${what} exceeded; retry in ${retryAfter} s$`),
  );
}

describe('HTTP rate limits', () => {
  const testbed = useHttpTestbed();

  it('are per tenant and shared by every replica through the database', async () => {
    const replicas: Gateway[] = [
      testbed().gateway({ httpRoutes: [callerProbeRoutes], settings: limits(3, 0) }),
      testbed().gateway({ httpRoutes: [callerProbeRoutes], settings: limits(3, 0) }),
    ];
    const tenantId = await testbed().tenant();
    const other = await testbed().tenant();
    const jwt = await testbed().jwt(tenantId, 'user:alice');
    const otherJwt = await testbed().jwt(other, 'user:bob');
    await startOfFreshWindow();
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const replica = replicas[index % 2] as Gateway;
      const response = await replica.http.inject({
        method: 'GET',
        url: '/test/v1/caller',
        headers: tenantHeaders(jwt),
      });
      statuses.push(response.statusCode);
      assert.equal(response.headers['x-ratelimit-limit'], '3');
      assert.equal(response.headers['x-ratelimit-remaining'], String(2 - index));
    }
    assert.deepEqual(statuses, [200, 200, 200]);
    // The fourth request goes to the replica that served only one: the count is the tenant's.
    const limited = await (replicas[1] as Gateway).http.inject({
      method: 'GET',
      url: '/test/v1/caller',
      headers: tenantHeaders(jwt),
    });
    assertRateLimited(limited, 'for this tenant');
    const otherTenant = await (replicas[1] as Gateway).http.inject({
      method: 'GET',
      url: '/test/v1/caller',
      headers: tenantHeaders(otherJwt),
    });
    assert.equal(otherTenant.statusCode, 200);
  });

  it('are per client address before authentication, and never apply to probes', async () => {
    const replicas: Gateway[] = [
      testbed().gateway({ httpRoutes: [callerProbeRoutes], settings: limits(0, 2) }),
      testbed().gateway({ httpRoutes: [callerProbeRoutes], settings: limits(0, 2) }),
    ];
    const address = uniqueAddress();
    await startOfFreshWindow();
    const first = await (replicas[0] as Gateway).http.inject({
      method: 'GET',
      url: '/test/v1/caller',
      remoteAddress: address,
    });
    const second = await (replicas[1] as Gateway).http.inject({
      method: 'GET',
      url: '/admin/v1/status',
      remoteAddress: address,
    });
    assert.deepEqual([first.statusCode, second.statusCode], [401, 401]);
    // Limited before auth: the caller learns nothing about credentials once over the limit.
    assertRateLimited(
      await (replicas[0] as Gateway).http.inject({
        method: 'GET',
        url: '/admin/v1/status',
        remoteAddress: address,
      }),
      'from this address',
    );
    assertRateLimited(
      await (replicas[1] as Gateway).http.inject({
        method: 'GET',
        url: '/no/such/route',
        remoteAddress: address,
      }),
      'from this address',
    );
    const elsewhere = await (replicas[0] as Gateway).http.inject({
      method: 'GET',
      url: '/admin/v1/status',
      remoteAddress: uniqueAddress(),
    });
    assert.equal(elsewhere.statusCode, 401);
    for (const url of ['/healthz', '/readyz', '/metrics', '/healthz', '/readyz', '/metrics']) {
      const probe = await (replicas[0] as Gateway).http.inject({
        method: 'GET',
        url,
        remoteAddress: address,
      });
      assert.equal(probe.statusCode, 200, `${url}: ${probe.body}`);
    }
  });

  it('count an IPv6 client by its /64', async () => {
    const gateway = testbed().gateway({ settings: limits(0, 1) });
    const prefix = `2001:db8:${randomInt(0xffff).toString(16)}:${randomInt(0xffff).toString(16)}`;
    await startOfFreshWindow();
    const first = await gateway.http.inject({
      method: 'GET',
      url: '/openapi.json',
      remoteAddress: `${prefix}::1`,
    });
    assert.equal(first.statusCode, 200);
    assertRateLimited(
      await gateway.http.inject({ method: 'GET', url: '/openapi.json', remoteAddress: `${prefix}::2` }),
      'from this address',
    );
  });

  it('take the client address from X-Forwarded-For only when the proxy is trusted', async () => {
    const balancer = uniqueAddress();
    const trusting = testbed().gateway({ settings: limits(0, 1, 1) });
    const ignoring = testbed().gateway({ settings: limits(0, 1, false) });
    await startOfFreshWindow();
    for (const client of [uniqueAddress(), uniqueAddress()]) {
      const response = await trusting.http.inject({
        method: 'GET',
        url: '/openapi.json',
        remoteAddress: balancer,
        headers: { 'x-forwarded-for': client },
      });
      assert.equal(response.statusCode, 200, `client ${client} behind a trusted balancer has its own count`);
    }
    const ignoredBalancer = uniqueAddress();
    const first = await ignoring.http.inject({
      method: 'GET',
      url: '/openapi.json',
      remoteAddress: ignoredBalancer,
      headers: { 'x-forwarded-for': uniqueAddress() },
    });
    assert.equal(first.statusCode, 200);
    assertRateLimited(
      await ignoring.http.inject({
        method: 'GET',
        url: '/openapi.json',
        remoteAddress: ignoredBalancer,
        headers: { 'x-forwarded-for': uniqueAddress() },
      }),
      'from this address',
    );
  });

  it('fail open with one warning while the counters are unreachable', async (t) => {
    // Nothing listens on port 1: every query fails with ECONNREFUSED, as in a database outage.
    const unreachable = await connectPostgres({
      url: 'postgres://postgres@127.0.0.1:1/palyra',
      poolSize: 1,
      connectionTimeoutMs: 1_000,
    });
    t.after(() => unreachable.close());
    const repositories = createRepositories(unreachable);
    const logger = recordingLogger();
    const gateway = testbed().gateway({ settings: limits(1, 1), repositories, logger });
    const address = uniqueAddress();
    for (let index = 0; index < 3; index += 1) {
      const response = await gateway.http.inject({
        method: 'GET',
        url: '/openapi.json',
        remoteAddress: address,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['retry-after'], undefined);
    }
    const warnings = logger.records.filter((record) => record.level === 'warn');
    assert.deepEqual(
      warnings.map((record) => record.message),
      ['rate limit store unreachable; requests are not rate limited meanwhile'],
    );
  });
});
