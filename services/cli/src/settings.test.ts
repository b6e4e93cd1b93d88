import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isCanonicalUlid } from '@palyra/core';
import { InterruptBus } from './io.js';
import {
  clientOptionsOf,
  configPathOf,
  DEFAULT_GRPC_URL,
  loadConfig,
  readConfigFile,
  resolveSettings,
  validateSetting,
} from './settings.js';

function ioWith(env: Record<string, string>) {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: process.stdin,
    env,
    interrupts: new InterruptBus(),
  };
}

function tempHome(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'palyra-settings-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('CLI settings', () => {
  it('prefers flag over env over config file over default', () => {
    const env = {
      PALYRA_GRPC_URL: 'env-host:1',
      PALYRA_TOKEN: 'env-token',
      PALYRA_PRINCIPAL: 'user:env',
    };
    const file = { url: 'file-host:2', token: 'file-token', principal: 'user:file', channel: 'file-channel' };
    const settings = resolveSettings({ url: 'flag-host:3' }, ioWith(env), file, '/x/cli.json', 'tester');
    assert.deepEqual(settings.url, { value: 'flag-host:3', source: 'flag' });
    assert.deepEqual(settings.token, { value: 'env-token', source: 'env' });
    assert.deepEqual(settings.principal, { value: 'user:env', source: 'env' });
    assert.deepEqual(settings.channel, { value: 'file-channel', source: 'file' });
    assert.deepEqual(settings.tenant, { value: undefined, source: 'default' });

    const bare = resolveSettings({}, ioWith({}), {}, '/x/cli.json', 'tester');
    assert.deepEqual(bare.url, { value: DEFAULT_GRPC_URL, source: 'default' });
    assert.deepEqual(bare.principal, { value: 'user:tester', source: 'default' });
  });

  it('falls back to a local palyrad’s admin token only for loopback URLs and when no token is set', (t) => {
    const cwd = tempHome(t);
    mkdirSync(join(cwd, '.palyra'));
    writeFileSync(join(cwd, '.palyra', 'admin-token'), 'palyrad-generated-token\n', { mode: 0o600 });
    const resolveIn = (env: Record<string, string>, flags = {}, file = {}) =>
      resolveSettings(flags, ioWith(env), file, '/x/cli.json', 'tester', cwd).token;

    assert.deepEqual(resolveIn({}), { value: 'palyrad-generated-token', source: 'palyrad' });
    assert.deepEqual(resolveIn({ PALYRA_GRPC_URL: 'localhost:9000,[::1]:9001' }).source, 'palyrad');
    assert.deepEqual(resolveIn({ PALYRA_TOKEN: 'env-token' }), { value: 'env-token', source: 'env' });
    assert.deepEqual(resolveIn({}, {}, { token: 'file-token' }), { value: 'file-token', source: 'file' });
    assert.deepEqual(resolveIn({ PALYRA_GRPC_URL: 'gateway.example:7443' }), {
      value: undefined,
      source: 'default',
    });
    assert.deepEqual(resolveIn({ PALYRA_GRPC_URL: '127.0.0.1:7443,gateway.example:7443' }).source, 'default');
    assert.deepEqual(resolveIn({ PALYRA_STATE_ROOT: 'elsewhere' }), { value: undefined, source: 'default' });
    assert.deepEqual(
      resolveSettings({}, ioWith({}), {}, '/x/cli.json', 'tester').token,
      { value: undefined, source: 'default' },
      'no lookup without a working directory',
    );
  });

  it('treats empty flags and env values as unset', () => {
    const settings = resolveSettings(
      { token: ' ' },
      ioWith({ PALYRA_TOKEN: '', PALYRA_GRPC_URL: '  ' }),
      { token: 'file-token' },
      '/x/cli.json',
      'tester',
    );
    assert.deepEqual(settings.token, { value: 'file-token', source: 'file' });
    assert.equal(settings.url.source, 'default');
  });

  it('finds the config file from PALYRA_CLI_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    assert.equal(
      configPathOf(ioWith({ PALYRA_CLI_CONFIG: '/etc/p.json', XDG_CONFIG_HOME: '/xdg' }), '/home/a'),
      '/etc/p.json',
    );
    assert.equal(configPathOf(ioWith({ XDG_CONFIG_HOME: '/xdg' }), '/home/a'), '/xdg/palyra/cli.json');
    assert.equal(configPathOf(ioWith({}), '/home/a'), '/home/a/.config/palyra/cli.json');
  });

  it('creates the config file with mode 0600 and reuses the persisted device id', (t) => {
    const path = join(tempHome(t), 'nested', 'palyra', 'cli.json');
    const warnings: string[] = [];
    const first = loadConfig(path, 'alice', (line) => warnings.push(line));
    assert.ok(first.deviceId !== undefined && isCanonicalUlid(first.deviceId));
    assert.equal(first.principal, 'user:alice');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(path, '..')).mode & 0o777, 0o700);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), {
      principal: 'user:alice',
      deviceId: first.deviceId,
    });

    const second = loadConfig(path, 'someone-else', (line) => warnings.push(line));
    assert.equal(second.deviceId, first.deviceId);
    assert.equal(second.principal, 'user:alice');
    assert.deepEqual(warnings, []);
  });

  it('keeps stored values when it adds a missing device id', (t) => {
    const path = join(tempHome(t), 'cli.json');
    writeFileSync(path, JSON.stringify({ url: 'gw:7443', token: 'stored' }), { mode: 0o644 });
    const config = loadConfig(path, 'bob', () => undefined);
    assert.equal(config.url, 'gw:7443');
    assert.equal(config.token, 'stored');
    assert.equal(statSync(path).mode & 0o777, 0o600, 'rewritten files are tightened to 0600');
    assert.deepEqual(readConfigFile(path), config);
  });

  it('runs with a temporary device id when the config file cannot be written', (t) => {
    const home = tempHome(t);
    writeFileSync(join(home, 'not-a-dir'), '');
    const warnings: string[] = [];
    const config = loadConfig(join(home, 'not-a-dir', 'cli.json'), 'carol', (line) => warnings.push(line));
    assert.ok(config.deviceId !== undefined && isCanonicalUlid(config.deviceId));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^warning: cannot save .*cli\.json/);
  });

  it('rejects a config file that is not a JSON object of strings', (t) => {
    const path = join(tempHome(t), 'cli.json');
    writeFileSync(path, '{"token": 42}');
    assert.throws(() => readConfigFile(path), { code: 'CONFIG_INVALID', message: /token must be a string/ });
    writeFileSync(path, 'not json');
    assert.throws(() => readConfigFile(path), { code: 'CONFIG_INVALID', message: /is not valid JSON/ });
  });

  it('validates values before they are stored', () => {
    assert.equal(validateSetting('url', ' a:1 , grpcs://b:2 '), 'a:1,grpcs://b:2');
    assert.throws(() => validateSetting('url', 'http://a:1'), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => validateSetting('deviceId', 'laptop'), { code: 'USAGE' });
    assert.throws(() => validateSetting('tenant', 'Not A Tenant!'), { code: 'USAGE' });
    assert.throws(() => validateSetting('token', 'has space'), { code: 'USAGE' });
  });

  it('builds client options from settings and requires a token where the call needs one', () => {
    const deviceId = '01J0000000000000000000000A';
    const settings = resolveSettings(
      { url: 'a:1,b:2', deviceId },
      ioWith({ PALYRA_CHANNEL: 'cli' }),
      {},
      '/x',
      'dan',
    );
    assert.throws(() => clientOptionsOf(settings, { requireToken: true }), { code: 'UNAUTHENTICATED' });
    const options = clientOptionsOf(settings, { requireToken: false });
    assert.deepEqual(options.url, ['a:1', 'b:2']);
    assert.equal(options.principal, 'user:dan');
    assert.equal(options.deviceId, deviceId);
    assert.equal(options.channel, 'cli');
    assert.equal(options.token, undefined);
  });
});
