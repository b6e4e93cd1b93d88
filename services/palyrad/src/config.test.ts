import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { describeConfig, hasConfigTable, parseEnv } from '@palyra/config';
import { isPalyraError } from '@palyra/core';
import { gatewayServerConfigSpec } from '@palyra/gateway';
import { orchestratorRunSpec } from '@palyra/orchestrator';
import { palyradConfigSpec } from './config.js';

describe('palyrad config', () => {
  it('starts with no variables at all: embedded defaults on loopback', () => {
    const config = parseEnv(palyradConfigSpec, {});
    assert.equal(config.stateRoot, './.palyra');
    assert.deepEqual(config.grpc, { bindAddr: '127.0.0.1', port: 7443, maxMessageBytes: 4 * 1024 * 1024 });
    assert.deepEqual(config.http, { bindAddr: '127.0.0.1', port: 7142 });
    assert.deepEqual(config.database, { url: undefined, poolSize: 10, autoMigrate: false });
    assert.deepEqual(config.nats, { url: undefined, streamPrefix: 'PALYRA' });
    assert.equal(config.auth.adminToken, undefined);
    assert.equal(config.model.providerKind, 'deterministic');
  });

  it('takes Postgres and NATS when their URLs are set', () => {
    const config = parseEnv(palyradConfigSpec, {
      PALYRA_DATABASE_URL: 'postgres://palyra@db:5432/palyra',
      PALYRA_NATS_URL: 'nats://a:4222,nats://b:4222',
      PALYRA_AUTO_MIGRATE: 'true',
      PALYRA_GATEWAY_GRPC_BIND_ADDR: '0.0.0.0',
    });
    assert.equal(config.database.url, 'postgres://palyra@db:5432/palyra');
    assert.equal(config.database.autoMigrate, true);
    assert.deepEqual(config.nats.url, ['nats://a:4222', 'nats://b:4222']);
    assert.equal(config.grpc.bindAddr, '0.0.0.0');
  });

  it('validates with the gateway and orchestrator rules, listing every bad variable', () => {
    assert.throws(
      () =>
        parseEnv(palyradConfigSpec, {
          PALYRA_DATABASE_URL: 'mysql://db/palyra',
          PALYRA_ADMIN_TOKEN: 'short',
          PALYRA_ORCHESTRATOR_CONCURRENCY: '0',
        }),
      (error: unknown) =>
        isPalyraError(error) &&
        error.code === 'CONFIG_INVALID' &&
        ['PALYRA_DATABASE_URL', 'PALYRA_ADMIN_TOKEN', 'PALYRA_ORCHESTRATOR_CONCURRENCY'].every((name) =>
          error.message.includes(name),
        ),
    );
  });

  it('reuses every variable of the gateway transports and the orchestrator runs, nothing duplicated', () => {
    const names = describeConfig(palyradConfigSpec).map((row) => row.name);
    assert.equal(new Set(names).size, names.length);
    for (const row of [...describeConfig(gatewayServerConfigSpec), ...describeConfig(orchestratorRunSpec)]) {
      assert.ok(names.includes(row.name), `${row.name} is a palyrad variable`);
    }
    const own = names.filter(
      (name) =>
        !describeConfig(gatewayServerConfigSpec).some((row) => row.name === name) &&
        !describeConfig(orchestratorRunSpec).some((row) => row.name === name),
    );
    assert.deepEqual(own.sort(), [
      'PALYRA_AUTO_MIGRATE',
      'PALYRA_DATABASE_POOL_SIZE',
      'PALYRA_DATABASE_URL',
      'PALYRA_NATS_STREAM_PREFIX',
      'PALYRA_NATS_URL',
      'PALYRA_STATE_ROOT',
    ]);
  });

  it('is documented: the README table matches the spec', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    assert.ok(
      hasConfigTable(readme, palyradConfigSpec),
      'regenerate the README env table from configTableMarkdown(palyradConfigSpec)',
    );
  });
});
