import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import {
  configTableMarkdown,
  describeConfig,
  hasConfigTable,
  redactedConfigForLog,
} from './describe-config.js';
import { bytes, durationMs, list, optional, port, secret, text, url } from './env-field.js';
import { parseEnv } from './parse-env.js';
import { Secret } from './secret.js';

const spec = {
  grpc: {
    port: port('PALYRA_GRPC_PORT', { description: 'gRPC listen port', default: 7443 }),
    maxMessageBytes: bytes('PALYRA_GRPC_MAX_MESSAGE_BYTES', { description: 'max message', default: 4194304 }),
  },
  drainTimeoutMs: durationMs('PALYRA_DRAIN_TIMEOUT_MS', { description: 'drain | deadline', default: 30_000 }),
  databaseUrl: optional(url('PALYRA_DATABASE_URL', { description: 'Postgres URL' })),
  natsServers: list('PALYRA_NATS_SERVERS', {
    description: 'NATS servers',
    default: ['nats://a:4222', 'nats://b:4222'],
  }),
  adminToken: secret('PALYRA_ADMIN_TOKEN', { description: 'operator admin token' }),
  connectorToken: optional(secret('PALYRA_CONNECTOR_TOKEN', { description: 'connector token' })),
  apiKeyHint: optional(text('PALYRA_PROVIDER_API_KEY_ID', { description: 'looks sensitive by name' })),
};

const ADMIN_TOKEN = 'adm_1f2e3d4c5b6a79880716';

describe('describeConfig', () => {
  test('returns one row per variable with type, default as written, requiredness and secrecy', () => {
    const rows = describeConfig(spec);
    assert.deepEqual(
      rows.map((row) => [row.name, row.path, row.type, row.default, row.required, row.secret]),
      [
        ['PALYRA_GRPC_PORT', 'grpc.port', 'port', '7443', false, false],
        ['PALYRA_GRPC_MAX_MESSAGE_BYTES', 'grpc.maxMessageBytes', 'bytes', '4MiB', false, false],
        ['PALYRA_DRAIN_TIMEOUT_MS', 'drainTimeoutMs', 'duration_ms', '30000', false, false],
        ['PALYRA_DATABASE_URL', 'databaseUrl', 'url', undefined, false, false],
        ['PALYRA_NATS_SERVERS', 'natsServers', 'list', 'nats://a:4222,nats://b:4222', false, false],
        ['PALYRA_ADMIN_TOKEN', 'adminToken', 'secret', undefined, true, true],
        ['PALYRA_CONNECTOR_TOKEN', 'connectorToken', 'secret', undefined, false, true],
        ['PALYRA_PROVIDER_API_KEY_ID', 'apiKeyHint', 'string', undefined, false, false],
      ],
    );
    assert.equal(rows[0]?.description, 'gRPC listen port');
    assert.match(rows[0]?.expected ?? '', /TCP port/);
  });

  test('renders a Markdown table with escaped cells', () => {
    const table = configTableMarkdown(spec).split('\n');
    assert.equal(table[0], '| Variable | Type | Default | Description |');
    assert.equal(table[2], '| `PALYRA_GRPC_PORT` | port | `7443` | gRPC listen port |');
    assert.ok(table.includes('| `PALYRA_DRAIN_TIMEOUT_MS` | duration_ms | `30000` | drain \\| deadline |'));
    assert.ok(table.includes('| `PALYRA_ADMIN_TOKEN` | secret | required | operator admin token (secret) |'));
    assert.ok(table.includes('| `PALYRA_DATABASE_URL` | url | unset | Postgres URL |'));
    const empty = configTableMarkdown({ hosts: list('PALYRA_HOSTS', { description: 'hosts', default: [] }) });
    assert.equal(empty.split('\n')[2], '| `PALYRA_HOSTS` | list | empty | hosts |');
  });
});

describe('secrets in logs', () => {
  const config = parseEnv(spec, {
    PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
    PALYRA_CONNECTOR_TOKEN: 'conn_998877665544',
    PALYRA_DATABASE_URL: 'postgres://palyra:db-pass-123@db:5432/palyra',
    PALYRA_PROVIDER_API_KEY_ID: 'key-id-42',
  });

  test('a Secret prints as <redacted> however it is turned into text', () => {
    const value = config.adminToken;
    assert.equal(String(value), '<redacted>');
    assert.equal(`${value}`, '<redacted>');
    assert.equal(JSON.stringify({ value }), '{"value":"<redacted>"}');
    assert.equal(inspect(value), '<redacted>');
    assert.doesNotMatch(inspect(config, { depth: 10, showHidden: true }), /adm_1f2e3d4c5b6a79880716/);
    assert.doesNotMatch(JSON.stringify(config), /adm_1f2e3d4c5b6a79880716|conn_998877665544/);
  });

  test('redactedConfigForLog replaces secrets, URL passwords and sensitive-looking strings', () => {
    const safe = redactedConfigForLog(config);
    const marker: '<redacted>' = safe.adminToken;
    assert.equal(marker, '<redacted>');
    assert.equal(safe.connectorToken, '<redacted>');
    assert.equal(safe.databaseUrl, 'postgres://palyra:<redacted>@db:5432/palyra');
    assert.equal(safe.apiKeyHint, '<redacted>');
    assert.equal(safe.grpc.port, 7443);
    assert.deepEqual(safe.natsServers, ['nats://a:4222', 'nats://b:4222']);
    const text = JSON.stringify(safe);
    for (const leaked of [ADMIN_TOKEN, 'conn_998877665544', 'db-pass-123', 'key-id-42']) {
      assert.ok(!text.includes(leaked), `${leaked} leaked`);
    }
  });

  test('redactedConfigForLog redacts bearer tokens and JWTs inside ordinary strings', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const safe = redactedConfigForLog({ header: `Bearer abcdefghijklmnop`, note: `jwt ${jwt}`, count: 3 });
    assert.deepEqual(safe, { header: 'Bearer <redacted>', note: 'jwt <redacted>', count: 3 });
  });

  test('an absent optional secret stays undefined', () => {
    const partial = parseEnv(spec, { PALYRA_ADMIN_TOKEN: ADMIN_TOKEN });
    assert.equal(partial.connectorToken, undefined);
    assert.equal(redactedConfigForLog(partial).connectorToken, undefined);
    assert.ok(partial.adminToken instanceof Secret);
  });
});

describe('hasConfigTable', () => {
  test('finds the current table whatever its padding, and misses a stale one', () => {
    const table = configTableMarkdown(spec);
    const padded = table
      .split('\n')
      .map((line) => line.replaceAll(' | ', '   |   '))
      .join('\n');
    assert.equal(hasConfigTable(`# README\n\n${padded}\n\nmore text\n`, spec), true);
    const stale = table.replace(/\| `[A-Z_]+` \|/, '| `PALYRA_RENAMED` |');
    assert.equal(hasConfigTable(`# README\n\n${stale}\n`, spec), false);
  });
});
