import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { newId } from '@palyra/core';
import { createRepositories } from '../src/index.js';
import { rejectsWith, uniqueTenantId } from './fixtures.js';
import type { TestDriver } from './test-drivers.js';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** API key and rate limit cases of the repository contract (run inside its describe). */
export function accessContract(driver: TestDriver): void {
  test('apiKeys: findActive needs the id and the hash of an unrevoked key and stamps its last use', async () => {
    const repos = createRepositories(await driver.shared());
    const tenantId = uniqueTenantId();
    await repos.tenants.ensure(tenantId);
    const secretHash = sha256(`secret-${newId()}`);
    const created = await repos.apiKeys.create(tenantId, {
      keyId: 'ci',
      name: 'CI pipeline',
      principal: 'apikey:ci',
      roles: ['runs:write', 'admin'],
      secretHash,
    });
    assert.deepEqual(
      { ...created, createdAt: undefined },
      {
        tenantId,
        keyId: 'ci',
        name: 'CI pipeline',
        principal: 'apikey:ci',
        roles: ['runs:write', 'admin'],
        createdAt: undefined,
        lastUsedAt: null,
        revokedAt: null,
      },
    );
    assert.equal('secretHash' in created, false, 'the hash never leaves the repository');

    const found = await repos.apiKeys.findActive(tenantId, 'ci', secretHash);
    assert.ok(found?.lastUsedAt instanceof Date);
    assert.equal(found.principal, 'apikey:ci');
    // Within the resolution the stamp is not rewritten.
    assert.deepEqual(
      (await repos.apiKeys.findActive(tenantId, 'ci', secretHash))?.lastUsedAt,
      found.lastUsedAt,
    );
    assert.equal(await repos.apiKeys.findActive(tenantId, 'ci', sha256('wrong')), null);
    assert.equal(await repos.apiKeys.findActive(tenantId, 'other', secretHash), null);
    assert.equal(await repos.apiKeys.findActive(tenantId, 'ci', 'not a hash'), null);
    const otherTenant = uniqueTenantId();
    await repos.tenants.ensure(otherTenant);
    assert.equal(await repos.apiKeys.findActive(otherTenant, 'ci', secretHash), null);
    assert.deepEqual((await repos.apiKeys.list(otherTenant)).items, []);

    const revoked = await repos.apiKeys.revoke(tenantId, 'ci');
    assert.ok(revoked.revokedAt instanceof Date);
    assert.deepEqual((await repos.apiKeys.revoke(tenantId, 'ci')).revokedAt, revoked.revokedAt);
    assert.equal(await repos.apiKeys.findActive(tenantId, 'ci', secretHash), null);
    await rejectsWith(repos.apiKeys.revoke(tenantId, 'missing'), 'NOT_FOUND', 'api key missing not found');
    await rejectsWith(repos.apiKeys.revoke(otherTenant, 'ci'), 'NOT_FOUND');
  });

  test('apiKeys: ids and secrets are unique, hashes are validated, list pages by key id', async () => {
    const repos = createRepositories(await driver.shared());
    const tenantId = uniqueTenantId();
    await repos.tenants.ensure(tenantId);
    const key = (keyId: string, secretHash = sha256(newId())) => ({
      keyId,
      name: keyId,
      principal: `apikey:${keyId}`,
      roles: [],
      secretHash,
    });
    const taken = sha256(newId());
    for (const keyId of ['c', 'a', 'b'])
      await repos.apiKeys.create(tenantId, key(keyId, keyId === 'a' ? taken : undefined));
    await rejectsWith(repos.apiKeys.create(tenantId, key('a')), 'ALREADY_EXISTS', 'api key a already exists');
    await rejectsWith(
      repos.apiKeys.create(tenantId, key('d', taken)),
      'ALREADY_EXISTS',
      /secret already exists/,
    );
    await rejectsWith(
      repos.apiKeys.create(tenantId, key('e', 'ABC')),
      'INVALID_ARGUMENT',
      /secret_hash must be/,
    );
    await rejectsWith(repos.apiKeys.create(uniqueTenantId(), key('f')), 'NOT_FOUND', /^tenant .* not found$/);
    const first = await repos.apiKeys.list(tenantId, { limit: 2 });
    assert.deepEqual(
      first.items.map((item) => item.keyId),
      ['a', 'b'],
    );
    const second = await repos.apiKeys.list(tenantId, { limit: 2, cursor: first.nextCursor });
    assert.deepEqual(
      second.items.map((item) => item.keyId),
      ['c'],
    );
    assert.equal(second.nextCursor, null);
  });

  test('rateLimits: two repository instances on one database count one shared window', async () => {
    const database = await driver.shared();
    // Two replicas: separate repository instances sharing nothing but the database.
    const [replicaA, replicaB] = [createRepositories(database), createRepositories(database)];
    const key = `ip:test-${newId()}`;
    const now = new Date();
    const windowMs = 3_600_000;
    const counts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const replica = i % 2 === 0 ? replicaA : replicaB;
      const hit = await replica.rateLimits.hit(key, windowMs, now);
      counts.push(hit.count);
      assert.equal(hit.resetAt.getTime(), Math.floor(now.getTime() / windowMs) * windowMs + windowMs);
    }
    assert.deepEqual(counts, [1, 2, 3, 4]);
    // Concurrent hits from both replicas each get their own count: none lost, none repeated.
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? replicaA : replicaB).rateLimits.hit(key, windowMs, now),
      ),
    );
    assert.deepEqual(
      concurrent.map((hit) => hit.count).sort((x, y) => x - y),
      [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    );
    // The same key with another window length is another counter.
    assert.equal((await replicaA.rateLimits.hit(key, 1000, now)).count, 1);
  });

  test('rateLimits: a new window starts from one and sweep deletes ended windows', async (t) => {
    const database = await driver.open(t);
    const { rateLimits } = createRepositories(database);
    const windowMs = 60_000;
    const start = new Date('2030-01-01T00:00:00Z').getTime();
    await rejectsWith(rateLimits.hit('', windowMs), 'INVALID_ARGUMENT');
    await rejectsWith(rateLimits.hit('k', 0), 'INVALID_ARGUMENT', /window_ms must be/);
    assert.equal((await rateLimits.hit('tenant:a', windowMs, new Date(start))).count, 1);
    assert.equal((await rateLimits.hit('tenant:a', windowMs, new Date(start + windowMs - 1))).count, 2);
    const next = await rateLimits.hit('tenant:a', windowMs, new Date(start + windowMs));
    assert.equal(next.count, 1);
    assert.equal(next.resetAt.getTime(), start + 2 * windowMs);
    assert.equal((await rateLimits.hit('tenant:b', windowMs, new Date(start))).count, 1);

    assert.equal(await rateLimits.sweep(new Date(start + windowMs - 1)), 0);
    assert.equal(await rateLimits.sweep(new Date(start + windowMs)), 2, 'both first windows ended');
    // The current window survives the sweep with its count.
    assert.equal((await rateLimits.hit('tenant:a', windowMs, new Date(start + windowMs + 5))).count, 2);
    assert.equal(await rateLimits.sweep(new Date(start + 10 * windowMs)), 1);
  });
}
