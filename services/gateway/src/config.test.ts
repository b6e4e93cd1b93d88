import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hasConfigTable, parseEnv } from '@palyra/config';
import { isPalyraError } from '@palyra/core';
import { gatewayConfigSpec, gatewayServerConfigSpec, toAuthConfig } from './config.js';

const REQUIRED = {
  PALYRA_DATABASE_URL: 'postgres://palyra@db:5432/palyra',
  PALYRA_NATS_URL: 'nats://a:4222, nats://b:4222',
};

describe('gateway config', () => {
  it('has the documented defaults', () => {
    const config = parseEnv(gatewayConfigSpec, REQUIRED);
    assert.deepEqual(config.grpc, { bindAddr: '0.0.0.0', port: 7443, maxMessageBytes: 4 * 1024 * 1024 });
    assert.deepEqual(config.http, { bindAddr: '0.0.0.0', port: 7142 });
    assert.equal(config.shutdownGraceMs, 25_000);
    assert.equal(config.stream.liveBufferEvents, 1024);
    assert.equal(config.gitHash, 'unknown');
    assert.equal(config.database.poolSize, 10);
    assert.deepEqual(config.nats, { url: ['nats://a:4222', 'nats://b:4222'], streamPrefix: 'PALYRA' });
  });

  it('requires the database and NATS only for the standalone gateway', () => {
    assert.throws(
      () => parseEnv(gatewayConfigSpec, {}),
      (error: unknown) =>
        isPalyraError(error) &&
        error.code === 'CONFIG_INVALID' &&
        error.message.includes('PALYRA_DATABASE_URL') &&
        error.message.includes('PALYRA_NATS_URL'),
    );
    assert.doesNotThrow(() => parseEnv(gatewayServerConfigSpec, {}));
  });

  it('maps the auth variables onto @palyra/auth', () => {
    const config = parseEnv(gatewayConfigSpec, {
      ...REQUIRED,
      PALYRA_ADMIN_TOKEN: 'an-admin-token-of-some-length',
      PALYRA_JWT_SECRET: 's'.repeat(40),
      PALYRA_JWT_ISSUER: 'issuer',
      PALYRA_JWT_AUDIENCE: 'a,b',
      PALYRA_JWT_CLOCK_TOLERANCE_SEC: '5',
    });
    assert.deepEqual(toAuthConfig(config.auth), {
      adminToken: 'an-admin-token-of-some-length',
      jwt: { secret: 's'.repeat(40), issuer: 'issuer', audience: ['a', 'b'], clockToleranceSec: 5 },
    });
    assert.deepEqual(toAuthConfig(parseEnv(gatewayConfigSpec, REQUIRED).auth), {});
  });

  it('is documented: the README table matches the spec', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    assert.ok(
      hasConfigTable(readme, gatewayConfigSpec),
      'regenerate the README env table from configTableMarkdown(gatewayConfigSpec)',
    );
  });
});
