import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { type EnvSource, parseEnv } from '@palyra/config';
import { PalyraError } from '@palyra/core';
import { type HostLookup, loadProvidersConfig, modelProviderSpec } from '@palyra/providers';

// Host names resolve through this table; anything else fails like an unknown name.
const hosts: Record<string, string[]> = {
  'api.openai.com': ['162.159.140.245'],
  'api.anthropic.com': ['160.79.104.10'],
  'models.internal': ['10.20.0.5'],
};
const lookup: HostLookup = async (hostname) => {
  const addresses = hosts[hostname];
  if (addresses === undefined)
    throw Object.assign(new Error(`unknown host ${hostname}`), { code: 'ENOTFOUND' });
  return addresses;
};

function load(env: EnvSource) {
  return loadProvidersConfig(parseEnv(modelProviderSpec, env), env, { lookup });
}

async function configError(promise: Promise<unknown>): Promise<PalyraError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PalyraError, `expected a PalyraError, got ${String(error)}`);
    assert.equal(error.code, 'CONFIG_INVALID');
    return error;
  }
  assert.fail('the configuration was accepted');
}

async function writeProvidersFile(t: TestContext, content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'palyra-providers-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'providers.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('model provider configuration from the environment', () => {
  it('defaults to the deterministic provider, one default profile and offline embeddings', async () => {
    const config = await load({});
    assert.deepEqual(config.providers, {
      deterministic: { kind: 'deterministic', name: 'deterministic', tokenDelayMs: 0 },
    });
    assert.deepEqual(config.profiles, { default: [{ provider: 'deterministic', model: 'deterministic' }] });
    assert.equal(config.defaultProfile, 'default');
    assert.deepEqual(config.embeddings, { provider: 'deterministic', model: 'deterministic-hash-256' });
    assert.deepEqual(config.circuitBreaker, { failureThreshold: 3, openMs: 30_000 });
    assert.equal(config.source, 'env');
  });

  it('reads the token delay of the deterministic provider', async () => {
    const config = await load({ PALYRA_DETERMINISTIC_TOKEN_DELAY_MS: '25' });
    assert.equal(
      config.providers.deterministic?.kind === 'deterministic' && config.providers.deterministic.tokenDelayMs,
      25,
    );
  });

  it('describes one OpenAI provider with its model, key, embeddings, timeout and retries', async () => {
    const config = await load({
      PALYRA_MODEL_PROVIDER_KIND: 'openai_compatible',
      PALYRA_MODEL_PROVIDER_OPENAI_API_KEY: 'sk-live-secret',
      PALYRA_MODEL_PROVIDER_OPENAI_MODEL: 'gpt-4o-mini',
      PALYRA_MODEL_PROVIDER_OPENAI_EMBEDDINGS_MODEL: 'text-embedding-3-small',
      PALYRA_MODEL_PROVIDER_REQUEST_TIMEOUT_MS: '20000',
      PALYRA_MODEL_PROVIDER_MAX_RETRIES: '4',
    });
    const provider = config.providers.openai_compatible;
    assert.equal(provider?.kind, 'openai_compatible');
    if (provider?.kind !== 'openai_compatible') return;
    assert.equal(provider.baseUrl, 'https://api.openai.com/v1');
    assert.equal(provider.apiKey?.reveal(), 'sk-live-secret');
    assert.equal(provider.requestTimeoutMs, 20_000);
    assert.equal(provider.maxRetries, 4);
    assert.deepEqual(config.profiles.default, [{ provider: 'openai_compatible', model: 'gpt-4o-mini' }]);
    assert.deepEqual(config.embeddings, { provider: 'openai_compatible', model: 'text-embedding-3-small' });
    assert.ok(!JSON.stringify(config).includes('sk-live-secret'), 'the key never prints');
  });

  it('lists every missing variable of the chosen kind in one error', async () => {
    const error = await configError(load({ PALYRA_MODEL_PROVIDER_KIND: 'anthropic' }));
    assert.deepEqual(
      error.violations.map((violation) => violation.field),
      ['PALYRA_MODEL_PROVIDER_ANTHROPIC_MODEL', 'PALYRA_MODEL_PROVIDER_ANTHROPIC_API_KEY'],
    );
    const openai = await configError(load({ PALYRA_MODEL_PROVIDER_KIND: 'openai_compatible' }));
    assert.deepEqual(
      openai.violations.map((violation) => violation.field),
      ['PALYRA_MODEL_PROVIDER_OPENAI_MODEL', 'PALYRA_MODEL_PROVIDER_OPENAI_API_KEY'],
    );
  });

  it('refuses a base URL on a loopback or private address unless allowed', async () => {
    const local = {
      PALYRA_MODEL_PROVIDER_KIND: 'openai_compatible',
      PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      PALYRA_MODEL_PROVIDER_OPENAI_MODEL: 'llama3.1',
    };
    const error = await configError(load(local));
    assert.equal(error.violations[0]?.field, 'PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL');
    assert.match(
      error.message,
      /private or loopback address \(127\.0\.0\.1\).*PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL=true/,
    );
    const named = await configError(
      load({ ...local, PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL: 'http://models.internal/v1' }),
    );
    assert.match(named.message, /10\.20\.0\.5/);
    const allowed = await load({ ...local, PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL: 'true' });
    assert.deepEqual(allowed.profiles.default, [{ provider: 'openai_compatible', model: 'llama3.1' }]);
  });

  it('warns, rather than fails, when a base URL host does not resolve at startup', async () => {
    const config = await load({
      PALYRA_MODEL_PROVIDER_KIND: 'openai_compatible',
      PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL: 'https://llm.example.invalid/v1',
      PALYRA_MODEL_PROVIDER_OPENAI_MODEL: 'm',
    });
    assert.deepEqual(config.warnings, [
      'model provider openai_compatible: base URL host could not be resolved (ENOTFOUND)',
    ]);
  });
});

describe('model provider configuration from a providers file', () => {
  const file = {
    providers: {
      openai: {
        kind: 'openai_compatible',
        apiKeyEnv: 'OPENAI_KEY',
        model: 'gpt-4o',
        embeddingsModel: 'text-embedding-3-small',
      },
      claude: {
        kind: 'anthropic',
        apiKeyEnv: 'ANTHROPIC_KEY',
        model: 'claude-sonnet-4-5',
        requestTimeoutMs: 90_000,
      },
      local: {
        kind: 'openai_compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.1',
        allowPrivateBaseUrl: true,
      },
      offline: { kind: 'deterministic', tokenDelayMs: 5 },
    },
    profiles: {
      smart: [{ provider: 'claude' }, { provider: 'openai', model: 'gpt-4o-mini' }],
      local: [{ provider: 'local' }],
      offline: [{ provider: 'offline' }],
    },
    defaultProfile: 'smart',
    circuitBreaker: { openMs: 10_000 },
  };

  it('resolves providers, ordered profiles, keys from the named variables and defaults from the env', async (t) => {
    const path = await writeProvidersFile(t, file);
    const config = await load({
      PALYRA_MODEL_PROVIDERS_FILE: path,
      PALYRA_MODEL_PROVIDER_MAX_RETRIES: '1',
      OPENAI_KEY: 'sk-openai',
      ANTHROPIC_KEY: 'sk-anthropic',
    });
    assert.equal(config.source, path);
    assert.equal(config.defaultProfile, 'smart');
    assert.deepEqual(config.profiles, {
      smart: [
        { provider: 'claude', model: 'claude-sonnet-4-5' },
        { provider: 'openai', model: 'gpt-4o-mini' },
      ],
      local: [{ provider: 'local', model: 'llama3.1' }],
      offline: [{ provider: 'offline', model: 'deterministic' }],
    });
    const claude = config.providers.claude;
    assert.ok(claude?.kind === 'anthropic');
    assert.equal(claude.apiKey.reveal(), 'sk-anthropic');
    assert.equal(claude.baseUrl, 'https://api.anthropic.com');
    assert.equal(claude.requestTimeoutMs, 90_000);
    assert.equal(claude.maxRetries, 1);
    assert.equal(claude.defaultMaxTokens, 4096);
    assert.deepEqual(config.embeddings, { provider: 'openai', model: 'text-embedding-3-small' });
    assert.deepEqual(config.circuitBreaker, { failureThreshold: 3, openMs: 10_000 });
    assert.deepEqual(config.warnings, []);
  });

  it('warns about single-provider variables the file replaces', async (t) => {
    const path = await writeProvidersFile(t, {
      providers: { offline: { kind: 'deterministic' } },
      profiles: { default: [{ provider: 'offline' }] },
    });
    const config = await load({ PALYRA_MODEL_PROVIDERS_FILE: path, PALYRA_MODEL_PROVIDER_KIND: 'anthropic' });
    assert.equal(config.defaultProfile, 'default');
    assert.deepEqual(config.warnings, [
      'PALYRA_MODEL_PROVIDERS_FILE is set, so these variables are ignored: PALYRA_MODEL_PROVIDER_KIND',
    ]);
  });

  it('lists every schema problem of a bad file in one CONFIG_INVALID', async (t) => {
    const path = await writeProvidersFile(t, {
      providers: {
        openai: { kind: 'openai_compatible', baseUrl: 'ftp://x', apiKey: 'sk-inline', maxRetries: -1 },
        other: { kind: 'mystery' },
      },
      profiles: { default: [] },
    });
    const error = await configError(load({ PALYRA_MODEL_PROVIDERS_FILE: path }));
    const fields = error.violations.map((violation) => violation.field);
    assert.ok(fields.includes('providers.openai.baseUrl'), fields.join(', '));
    assert.ok(fields.includes('providers.openai.maxRetries'), fields.join(', '));
    assert.ok(fields.includes('providers.openai'), `unknown key apiKey: ${fields.join(', ')}`);
    assert.ok(fields.includes('providers.other.kind'), fields.join(', '));
    assert.ok(fields.includes('profiles.default'), fields.join(', '));
    assert.match(
      error.message,
      new RegExp(
        `invalid model provider configuration \\(${path.replaceAll('.', '\\.')}\\): ${fields.length} problems`,
      ),
    );
    assert.ok(!error.message.includes('sk-inline'));
  });

  it('lists every reference problem of a bad file in one CONFIG_INVALID', async (t) => {
    const path = await writeProvidersFile(t, {
      providers: {
        openai: { kind: 'openai_compatible', apiKeyEnv: 'MISSING_KEY' },
        internal: { kind: 'openai_compatible', baseUrl: 'http://models.internal/v1', model: 'x' },
        claude: { kind: 'anthropic', model: 'c' },
      },
      profiles: {
        a: [{ provider: 'openai' }, { provider: 'ghost' }],
        b: [{ provider: 'internal' }],
      },
      embeddings: { provider: 'claude' },
    });
    const error = await configError(load({ PALYRA_MODEL_PROVIDERS_FILE: path }));
    assert.deepEqual(error.violations.map((violation) => violation.field).sort(), [
      'defaultProfile',
      'embeddings.provider',
      'profiles.a.0.model',
      'profiles.a.1.provider',
      'providers.claude.apiKeyEnv',
      'providers.internal.baseUrl',
      'providers.openai.apiKeyEnv',
    ]);
  });

  it('reports a file that is missing or not JSON', async (t) => {
    const missing = await configError(load({ PALYRA_MODEL_PROVIDERS_FILE: '/nonexistent/providers.json' }));
    assert.match(missing.message, /PALYRA_MODEL_PROVIDERS_FILE cannot be read \(ENOENT\)/);
    const path = await writeProvidersFile(t, '{ "providers": ');
    const broken = await configError(load({ PALYRA_MODEL_PROVIDERS_FILE: path }));
    assert.match(broken.message, /PALYRA_MODEL_PROVIDERS_FILE is not valid JSON/);
  });
});
