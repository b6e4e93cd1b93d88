import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnv } from '@palyra/config';
import { isPalyraError } from '@palyra/core';
import { gatewayServerConfigSpec } from '../src/config.js';

describe('HTTP API settings', () => {
  it('default to no trusted proxy, limits on, and /metrics on the HTTP port', () => {
    const config = parseEnv(gatewayServerConfigSpec, {});
    assert.deepEqual(config.httpApi, {
      trustProxy: false,
      rateLimitPerTenantPerMinute: 3000,
      rateLimitPerIpPerMinute: 1200,
    });
    assert.deepEqual(config.metricsServer, { port: undefined });
  });

  it('read every form of PALYRA_HTTP_TRUST_PROXY', () => {
    const trustProxy = (value: string) =>
      parseEnv(gatewayServerConfigSpec, { PALYRA_HTTP_TRUST_PROXY: value }).httpApi.trustProxy;
    assert.equal(trustProxy('true'), true);
    assert.equal(trustProxy('FALSE'), false);
    assert.equal(trustProxy('2'), 2);
    assert.deepEqual(trustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8, loopback'), [
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('reject bad values, naming the variables', () => {
    for (const env of [
      { PALYRA_HTTP_TRUST_PROXY: 'balancer.internal' },
      { PALYRA_HTTP_TRUST_PROXY: '10.0.0.0/33' },
      { PALYRA_HTTP_RATE_LIMIT_PER_TENANT_PER_MINUTE: '-1' },
      { PALYRA_HTTP_RATE_LIMIT_PER_IP_PER_MINUTE: 'lots' },
      { PALYRA_METRICS_PORT: '70000' },
    ]) {
      const [name] = Object.keys(env) as [string];
      assert.throws(
        () => parseEnv(gatewayServerConfigSpec, env),
        (error: unknown) =>
          isPalyraError(error) && error.code === 'CONFIG_INVALID' && error.message.includes(name),
        name,
      );
    }
  });

  it('take 0 to switch a limit off and a port for the metrics listener', () => {
    const config = parseEnv(gatewayServerConfigSpec, {
      PALYRA_HTTP_RATE_LIMIT_PER_TENANT_PER_MINUTE: '0',
      PALYRA_HTTP_RATE_LIMIT_PER_IP_PER_MINUTE: '0',
      PALYRA_METRICS_PORT: '9464',
    });
    assert.equal(config.httpApi.rateLimitPerTenantPerMinute, 0);
    assert.equal(config.httpApi.rateLimitPerIpPerMinute, 0);
    assert.equal(config.metricsServer.port, 9464);
  });
});
