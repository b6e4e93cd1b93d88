import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { isPalyraError, type PalyraError } from '@palyra/core';
import { z } from 'zod';
import { bool, bytes, durationMs, enumOf, list, optional, port, secret, text, url } from './env-field.js';
import { findUnknownEnvVars, parseEnv, specEntries } from './parse-env.js';
import { Secret } from './secret.js';

const spec = {
  serviceName: text('PALYRA_SERVICE_NAME', { description: 'service name', default: 'gateway' }),
  grpc: {
    port: port('PALYRA_GRPC_PORT', { description: 'gRPC listen port', default: 7443 }),
    maxMessageBytes: bytes('PALYRA_GRPC_MAX_MESSAGE_BYTES', { description: 'max message', default: 4194304 }),
  },
  http: {
    port: port('PALYRA_HTTP_PORT', { description: 'HTTP listen port', default: 7142 }),
    bodyLimitBytes: bytes('PALYRA_HTTP_BODY_LIMIT_BYTES', { description: 'body limit', default: 65536 }),
  },
  drainTimeoutMs: durationMs('PALYRA_DRAIN_TIMEOUT_MS', { description: 'drain deadline', default: 30_000 }),
  log: {
    level: enumOf('PALYRA_LOG_LEVEL', ['debug', 'info', 'warn', 'error'], {
      description: 'log level',
      default: 'info',
    }),
    pretty: bool('PALYRA_LOG_PRETTY', { description: 'pretty logs', default: false }),
  },
  database: {
    url: optional(
      url('PALYRA_DATABASE_URL', { description: 'Postgres URL', protocols: ['postgres', 'postgresql'] }),
    ),
  },
  auth: {
    adminToken: secret('PALYRA_ADMIN_TOKEN', { description: 'operator admin token', minLength: 16 }),
    jwksUrls: list('PALYRA_JWKS_URLS', { description: 'JWKS endpoints', default: [] }),
  },
};

const ADMIN_TOKEN = 'adm_7f3c9e1b2d4a6f8e0c1b3d5f';

function configError(run: () => unknown): PalyraError {
  try {
    run();
  } catch (error) {
    assert.ok(isPalyraError(error), 'expected a PalyraError');
    return error;
  }
  assert.fail('expected parseEnv to throw');
}

describe('parseEnv', () => {
  test('applies defaults and nests values by concern', () => {
    const config = parseEnv(spec, { PALYRA_ADMIN_TOKEN: ADMIN_TOKEN });
    assert.equal(config.serviceName, 'gateway');
    assert.equal(config.grpc.port, 7443);
    assert.equal(config.grpc.maxMessageBytes, 4 * 1024 * 1024);
    assert.equal(config.http.bodyLimitBytes, 64 * 1024);
    assert.equal(config.drainTimeoutMs, 30_000);
    assert.equal(config.log.level, 'info');
    assert.equal(config.log.pretty, false);
    assert.equal(config.database.url, undefined);
    assert.deepEqual(config.auth.jwksUrls, []);
    assert.ok(config.auth.adminToken instanceof Secret);
    assert.equal(config.auth.adminToken.reveal(), ADMIN_TOKEN);
  });

  test('reads set variables, trimmed, and types the result', () => {
    const config = parseEnv(spec, {
      PALYRA_ADMIN_TOKEN: `${ADMIN_TOKEN}\n`,
      PALYRA_GRPC_PORT: ' 9443 ',
      PALYRA_GRPC_MAX_MESSAGE_BYTES: '8MiB',
      PALYRA_LOG_LEVEL: 'debug',
      PALYRA_LOG_PRETTY: 'TRUE',
      PALYRA_DATABASE_URL: 'postgres://palyra@db:5432/palyra',
      PALYRA_JWKS_URLS: 'https://a/jwks, https://b/jwks',
    });
    const grpcPort: number = config.grpc.port;
    const level: 'debug' | 'info' | 'warn' | 'error' = config.log.level;
    const databaseUrl: string | undefined = config.database.url;
    assert.equal(grpcPort, 9443);
    assert.equal(config.grpc.maxMessageBytes, 8 * 1024 * 1024);
    assert.equal(level, 'debug');
    assert.equal(config.log.pretty, true);
    assert.equal(databaseUrl, 'postgres://palyra@db:5432/palyra');
    assert.deepEqual(config.auth.jwksUrls, ['https://a/jwks', 'https://b/jwks']);
    assert.equal(config.auth.adminToken.reveal(), ADMIN_TOKEN);
  });

  test('treats empty and whitespace-only variables as unset', () => {
    const config = parseEnv(spec, {
      PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
      PALYRA_GRPC_PORT: '',
      PALYRA_DATABASE_URL: '   ',
    });
    assert.equal(config.grpc.port, 7443);
    assert.equal(config.database.url, undefined);
  });

  test('returns a frozen config', () => {
    const config = parseEnv(spec, { PALYRA_ADMIN_TOKEN: ADMIN_TOKEN });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.grpc));
    assert.ok(Object.isFrozen(config.auth.jwksUrls));
  });

  test('throws one CONFIG_INVALID error listing every bad variable with the expected form', () => {
    const error = configError(() =>
      parseEnv(spec, {
        PALYRA_GRPC_PORT: '70000',
        PALYRA_HTTP_BODY_LIMIT_BYTES: '64KB',
        PALYRA_DRAIN_TIMEOUT_MS: '30s',
        PALYRA_LOG_LEVEL: 'verbose',
        PALYRA_LOG_PRETTY: 'yes',
        PALYRA_DATABASE_URL: 'mysql://db/palyra',
      }),
    );
    assert.equal(error.code, 'CONFIG_INVALID');
    const bad = [
      'PALYRA_GRPC_PORT',
      'PALYRA_HTTP_BODY_LIMIT_BYTES',
      'PALYRA_DRAIN_TIMEOUT_MS',
      'PALYRA_LOG_LEVEL',
      'PALYRA_LOG_PRETTY',
      'PALYRA_DATABASE_URL',
      'PALYRA_ADMIN_TOKEN',
    ];
    assert.match(error.message, /^invalid configuration: 7 environment variables\n/);
    for (const name of bad) assert.match(error.message, new RegExp(`^  ${name} `, 'm'));
    assert.deepEqual([...(error.details.variables as string[])].sort(), [...bad].sort());
    assert.deepEqual(
      error.violations.map((violation) => violation.field),
      error.details.variables,
    );
    assert.match(error.message, /PALYRA_GRPC_PORT must be at most 65535 \(expected a TCP port/);
    assert.match(
      error.message,
      /PALYRA_HTTP_BODY_LIMIT_BYTES has an unknown unit.*\(expected a number of bytes/,
    );
    assert.match(error.message, /PALYRA_DRAIN_TIMEOUT_MS must be an integer number of milliseconds/);
    assert.match(
      error.message,
      /PALYRA_LOG_LEVEL is not an allowed value \(expected one of debug, info, warn, error\)/,
    );
    assert.match(error.message, /PALYRA_LOG_PRETTY must be a boolean \(expected true, false, 1 or 0\)/);
    assert.match(error.message, /PALYRA_DATABASE_URL must use the postgres or postgresql scheme/);
    assert.match(
      error.message,
      /PALYRA_ADMIN_TOKEN is required \(expected a secret of at least 16 characters\)/,
    );
    assert.equal(error.violations.find((v) => v.field === 'PALYRA_ADMIN_TOKEN')?.code, 'required');
    assert.equal(error.violations.find((v) => v.field === 'PALYRA_GRPC_PORT')?.code, 'invalid');
  });

  test('a single bad variable is counted in the singular', () => {
    const error = configError(() =>
      parseEnv(spec, { PALYRA_ADMIN_TOKEN: ADMIN_TOKEN, PALYRA_GRPC_PORT: 'x' }),
    );
    assert.match(error.message, /^invalid configuration: 1 environment variable\n/);
  });

  test('never includes variable values in the error, secrets least of all', () => {
    const badSecret = 'short-S3CR3T';
    const passwordUrl = 'mysql://palyra:hunter2-pass@db/palyra';
    const error = configError(() =>
      parseEnv(spec, {
        PALYRA_ADMIN_TOKEN: badSecret,
        PALYRA_DATABASE_URL: passwordUrl,
        PALYRA_GRPC_PORT: '99999',
      }),
    );
    const everything = [
      error.message,
      JSON.stringify(error.violations),
      JSON.stringify(error.details),
      inspect(error),
    ];
    for (const text of everything) {
      assert.ok(!text.includes(badSecret), 'secret value leaked');
      assert.ok(!text.includes('hunter2-pass'), 'URL password leaked');
      assert.ok(!text.includes('99999'), 'value echoed');
    }
    assert.match(error.message, /PALYRA_ADMIN_TOKEN must be at least 16 characters long/);
  });

  test('hides a secret even when a custom schema would echo it', () => {
    const leaky = {
      token: {
        ...secret('PALYRA_LEAKY_TOKEN', { description: 't' }),
        schema: z.string().refine(() => false, { error: (issue) => `bad token ${String(issue.input)}` }),
      },
    };
    const error = configError(() => parseEnv(leaky, { PALYRA_LEAKY_TOKEN: 'tok_value_123' }));
    assert.doesNotMatch(error.message, /tok_value_123/);
    assert.match(error.message, /PALYRA_LEAKY_TOKEN is invalid/);
  });

  test('rejects a spec that declares a variable twice', () => {
    const twice = {
      a: port('PALYRA_PORT', { description: 'a' }),
      nested: { b: port('PALYRA_PORT', { description: 'b' }) },
    };
    assert.throws(
      () => parseEnv(twice, {}),
      /PALYRA_PORT is declared twice in the config spec \(a and nested\.b\)/,
    );
  });

  test('defaults to process.env', () => {
    const name = 'PALYRA_CONFIG_TEST_ONLY_PORT';
    process.env[name] = '1234';
    try {
      assert.equal(parseEnv({ port: port(name, { description: 'p' }) }).port, 1234);
    } finally {
      delete process.env[name];
    }
  });
});

describe('specEntries', () => {
  test('lists fields in declaration order with their paths', () => {
    const paths = specEntries(spec).map((entry) => `${entry.path}=${entry.field.name}`);
    assert.equal(paths[0], 'serviceName=PALYRA_SERVICE_NAME');
    assert.equal(paths[1], 'grpc.port=PALYRA_GRPC_PORT');
    assert.equal(paths.at(-1), 'auth.jwksUrls=PALYRA_JWKS_URLS');
  });
});

describe('findUnknownEnvVars', () => {
  test('returns unknown PALYRA_ variables with a suggestion for likely typos, without throwing', () => {
    const warnings = findUnknownEnvVars(spec, {
      PALYRA_GRPC_PROT: '7443',
      PALYRA_DRAIN_TIMEOUT: '1000',
      PALYRA_LOG_LEVL: 'debug',
      PALYRA_SOMETHING_ELSE_ENTIRELY: '1',
      PALYRA_GRPC_PORT: '7443',
      HOME: '/root',
      OTEL_SERVICE_NAME: 'x',
    });
    assert.deepEqual(
      warnings.map((warning) => [warning.name, warning.suggestion]),
      [
        ['PALYRA_DRAIN_TIMEOUT', 'PALYRA_DRAIN_TIMEOUT_MS'],
        ['PALYRA_GRPC_PROT', 'PALYRA_GRPC_PORT'],
        ['PALYRA_LOG_LEVL', 'PALYRA_LOG_LEVEL'],
        ['PALYRA_SOMETHING_ELSE_ENTIRELY', undefined],
      ],
    );
    assert.equal(
      warnings[1]?.message,
      'PALYRA_GRPC_PROT is not a known variable and is ignored; did you mean PALYRA_GRPC_PORT?',
    );
    assert.equal(
      warnings[3]?.message,
      'PALYRA_SOMETHING_ELSE_ENTIRELY is not a known variable and is ignored',
    );
  });

  test('knows the variables of every spec passed and the allow list', () => {
    const other = { natsUrl: optional(url('PALYRA_NATS_URL', { description: 'nats' })) };
    const env = { PALYRA_NATS_URL: 'nats://n:4222', PALYRA_GRPC_PORT: '1', PALYRA_TEST_CONCURRENCY: '3' };
    assert.deepEqual(findUnknownEnvVars([spec, other], env, { allow: ['PALYRA_TEST_CONCURRENCY'] }), []);
    assert.deepEqual(
      findUnknownEnvVars(spec, env).map((warning) => warning.name),
      ['PALYRA_NATS_URL', 'PALYRA_TEST_CONCURRENCY'],
    );
  });

  test('honours another prefix', () => {
    const warnings = findUnknownEnvVars(spec, { MYAPP_X: '1', PALYRA_X: '1' }, { prefix: 'MYAPP_' });
    assert.deepEqual(
      warnings.map((warning) => warning.name),
      ['MYAPP_X'],
    );
  });

  test('parseEnv itself ignores unknown variables', () => {
    assert.doesNotThrow(() => parseEnv(spec, { PALYRA_ADMIN_TOKEN: ADMIN_TOKEN, PALYRA_GRPC_PROT: 'x' }));
  });
});
