import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hasConfigTable, parseEnv } from '@palyra/config';
import { isPalyraError } from '@palyra/core';
import { settingsFromConfig } from './app.js';
import { orchestratorConfigSpec, orchestratorRunSpec } from './config.js';

const REQUIRED = {
  PALYRA_DATABASE_URL: 'postgres://palyra@db:5432/palyra',
  PALYRA_NATS_URL: 'nats://nats:4222',
};

describe('orchestrator config', () => {
  it('has the documented defaults', () => {
    const config = parseEnv(orchestratorConfigSpec, REQUIRED);
    assert.equal(config.nats.streamPrefix, 'PALYRA');
    assert.deepEqual(config.runs, {
      concurrency: 16,
      ackWaitMs: 30_000,
      maxDeliver: 5,
      wallClockMs: 120_000,
      inputIdleTimeoutMs: 30_000,
    });
    assert.deepEqual(config.events, { batchMaxEvents: 64, batchMaxDelayMs: 5 });
    assert.equal(config.model.providerKind, 'deterministic');
    assert.equal(config.model.tokenDelayMs, 0);
    assert.equal(config.tools.maxCallsPerRun, 4);
    assert.deepEqual(config.http, { bindAddress: '0.0.0.0', port: 7142 });
    assert.equal(config.shutdownGraceMs, 25_000);
    assert.equal(config.logLevel, 'info');
    assert.equal(settingsFromConfig(config).concurrency, 16);
  });

  it('requires the database and NATS URLs when standalone, in one error', () => {
    assert.throws(
      () => parseEnv(orchestratorConfigSpec, {}),
      (error: unknown) => {
        assert.ok(isPalyraError(error) && error.code === 'CONFIG_INVALID');
        assert.deepEqual(error.details.variables, ['PALYRA_DATABASE_URL', 'PALYRA_NATS_URL']);
        return true;
      },
    );
  });

  it('rejects an unsupported model provider kind saying what is supported', () => {
    assert.throws(
      () => parseEnv(orchestratorRunSpec, { PALYRA_MODEL_PROVIDER_KIND: 'openai' }),
      (error: unknown) => {
        assert.ok(isPalyraError(error) && error.code === 'CONFIG_INVALID');
        assert.match(error.message, /PALYRA_MODEL_PROVIDER_KIND .*expected one of deterministic/);
        return true;
      },
    );
  });

  it('the run spec alone (palyrad) needs no database or NATS variables', () => {
    assert.equal(parseEnv(orchestratorRunSpec, {}).runs.concurrency, 16);
  });
});

describe('orchestrator README', () => {
  it('documents every variable with the table generated from the spec', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    assert.ok(hasConfigTable(readme, orchestratorConfigSpec), 'README table is current');
  });
});
