import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type EnvSource, Secret } from '@palyra/config';
import { type FieldViolation, PalyraError } from '@palyra/core';
import { checkBaseUrlHost, type HostLookup, systemLookup } from './private-address.js';
import {
  DEFAULT_ANTHROPIC_BASE_URL,
  DEFAULT_ANTHROPIC_MAX_TOKENS,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_OPENAI_BASE_URL,
  DEFAULT_PROFILE,
  type ModelProviderEnvConfig,
  type ModelTarget,
  type ProviderSettings,
  type ProvidersConfig,
} from './provider-config.js';
import { type ProvidersFile, type ProvidersFileProvider, providersFileSchema } from './providers-file.js';

export interface LoadProvidersConfigOptions {
  /** Host name resolution for the private-address check (tests inject one). */
  readonly lookup?: HostLookup;
}

/** The deterministic embeddings' model name (feature hashing, 256 dimensions). */
export const DETERMINISTIC_EMBEDDINGS_MODEL = 'deterministic-hash-256';
const DETERMINISTIC_MODEL = 'deterministic';

/** Hosts whose APIs always need a key: a missing one is a startup error, not a 401 per run. */
const KEYED_HOSTS = new Set(['api.openai.com', 'api.anthropic.com']);

class Problems {
  readonly list: FieldViolation[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, code: 'invalid', message: `${field} ${message}` });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  error(where: string): PalyraError {
    const count = this.list.length === 1 ? '1 problem' : `${this.list.length} problems`;
    const lines = this.list.map((violation) => `  ${violation.message}`);
    return new PalyraError(
      'CONFIG_INVALID',
      `invalid model provider configuration (${where}): ${count}\n${lines.join('\n')}`,
      {
        violations: this.list,
        details: { source: where },
      },
    );
  }
}

function needsKey(baseUrl: string): boolean {
  return KEYED_HOSTS.has(new URL(baseUrl).hostname);
}

function envProviders(values: ModelProviderEnvConfig, problems: Problems): ProviderSettings | undefined {
  const kindIs = `is required when PALYRA_MODEL_PROVIDER_KIND=${values.providerKind}`;
  switch (values.providerKind) {
    case 'deterministic':
      return { kind: 'deterministic', name: 'deterministic', tokenDelayMs: values.tokenDelayMs };
    case 'openai_compatible': {
      const { baseUrl, apiKey, model, embeddingsModel } = values.openai;
      if (model === undefined) problems.add('PALYRA_MODEL_PROVIDER_OPENAI_MODEL', kindIs);
      if (apiKey === undefined && needsKey(baseUrl)) {
        problems.add('PALYRA_MODEL_PROVIDER_OPENAI_API_KEY', `is required for ${new URL(baseUrl).host}`);
      }
      return {
        kind: 'openai_compatible',
        name: 'openai_compatible',
        baseUrl,
        apiKey,
        model,
        embeddingsModel,
        maxTokensField: undefined,
        requestTimeoutMs: values.requestTimeoutMs,
        maxRetries: values.maxRetries,
      };
    }
    case 'anthropic': {
      const { baseUrl, apiKey, model } = values.anthropic;
      if (model === undefined) problems.add('PALYRA_MODEL_PROVIDER_ANTHROPIC_MODEL', kindIs);
      if (apiKey === undefined) {
        problems.add('PALYRA_MODEL_PROVIDER_ANTHROPIC_API_KEY', kindIs);
        return undefined;
      }
      return {
        kind: 'anthropic',
        name: 'anthropic',
        baseUrl,
        apiKey,
        model,
        defaultMaxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
        requestTimeoutMs: values.requestTimeoutMs,
        maxRetries: values.maxRetries,
      };
    }
  }
}

function fromEnv(values: ModelProviderEnvConfig, problems: Problems): ProvidersConfig | undefined {
  const provider = envProviders(values, problems);
  if (provider === undefined) return undefined;
  const model = provider.kind === 'deterministic' ? DETERMINISTIC_MODEL : (provider.model ?? '');
  let embeddings: ModelTarget | undefined;
  if (provider.kind === 'deterministic') {
    embeddings = { provider: provider.name, model: DETERMINISTIC_EMBEDDINGS_MODEL };
  } else if (provider.kind === 'openai_compatible' && provider.embeddingsModel !== undefined) {
    embeddings = { provider: provider.name, model: provider.embeddingsModel };
  }
  return {
    providers: { [provider.name]: provider },
    profiles: { [DEFAULT_PROFILE]: [{ provider: provider.name, model }] },
    defaultProfile: DEFAULT_PROFILE,
    embeddings,
    circuitBreaker: DEFAULT_CIRCUIT_BREAKER,
    source: 'env',
    warnings: [],
  };
}

async function readProvidersFile(path: string, problems: Problems): Promise<ProvidersFile | undefined> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    problems.add(
      'PALYRA_MODEL_PROVIDERS_FILE',
      `cannot be read (${typeof code === 'string' ? code : 'error'})`,
    );
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    problems.add('PALYRA_MODEL_PROVIDERS_FILE', `is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const parsed = providersFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    problems.add(issue.path.length === 0 ? '(file)' : issue.path.join('.'), issue.message);
  }
  return undefined;
}

function readKey(
  env: EnvSource,
  field: string,
  variable: string | undefined,
  problems: Problems,
): Secret<string> | undefined {
  if (variable === undefined) return undefined;
  const value = env[variable]?.trim();
  if (value === undefined || value === '') {
    problems.add(field, `names ${variable}, which is not set`);
    return undefined;
  }
  return new Secret(value);
}

function fileProvider(
  providerName: string,
  entry: ProvidersFileProvider,
  values: ModelProviderEnvConfig,
  env: EnvSource,
  problems: Problems,
): ProviderSettings | undefined {
  if (entry.kind === 'deterministic') {
    return {
      kind: 'deterministic',
      name: providerName,
      tokenDelayMs: entry.tokenDelayMs ?? values.tokenDelayMs,
    };
  }
  const field = `providers.${providerName}`;
  const common = {
    name: providerName,
    model: entry.model,
    requestTimeoutMs: entry.requestTimeoutMs ?? values.requestTimeoutMs,
    maxRetries: entry.maxRetries ?? values.maxRetries,
  };
  const apiKey = readKey(env, `${field}.apiKeyEnv`, entry.apiKeyEnv, problems);
  if (entry.kind === 'openai_compatible') {
    const baseUrl = entry.baseUrl ?? DEFAULT_OPENAI_BASE_URL;
    if (entry.apiKeyEnv === undefined && needsKey(baseUrl)) {
      problems.add(`${field}.apiKeyEnv`, `is required for ${new URL(baseUrl).host}`);
    }
    return {
      kind: 'openai_compatible',
      ...common,
      baseUrl,
      apiKey,
      embeddingsModel: entry.embeddingsModel,
      maxTokensField: entry.maxTokensField,
    };
  }
  if (entry.apiKeyEnv === undefined) problems.add(`${field}.apiKeyEnv`, 'is required for kind anthropic');
  if (apiKey === undefined) return undefined;
  return {
    kind: 'anthropic',
    ...common,
    baseUrl: entry.baseUrl ?? DEFAULT_ANTHROPIC_BASE_URL,
    apiKey,
    defaultMaxTokens: entry.defaultMaxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
  };
}

function resolveTarget(
  field: string,
  target: { provider: string; model?: string | undefined },
  providers: Readonly<Record<string, ProviderSettings>>,
  file: ProvidersFile,
  problems: Problems,
): ModelTarget | undefined {
  if (!(target.provider in file.providers)) {
    problems.add(`${field}.provider`, `names ${target.provider}, which is not in providers`);
    return undefined;
  }
  const provider = providers[target.provider];
  if (provider === undefined) return undefined; // already reported (e.g. its key is missing)
  if (provider.kind === 'deterministic')
    return { provider: provider.name, model: target.model ?? DETERMINISTIC_MODEL };
  const model = target.model ?? provider.model;
  if (model === undefined) {
    problems.add(`${field}.model`, `is required: provider ${provider.name} has no default model`);
    return undefined;
  }
  return { provider: provider.name, model };
}

function resolveEmbeddings(
  file: ProvidersFile,
  providers: Readonly<Record<string, ProviderSettings>>,
  problems: Problems,
): ModelTarget | undefined {
  const wanted = file.embeddings;
  if (wanted === undefined) {
    // Without an explicit choice: the first provider that can embed.
    for (const provider of Object.values(providers)) {
      if (provider.kind === 'openai_compatible' && provider.embeddingsModel !== undefined) {
        return { provider: provider.name, model: provider.embeddingsModel };
      }
    }
    return undefined;
  }
  const entry = file.providers[wanted.provider];
  if (entry === undefined) {
    problems.add('embeddings.provider', `names ${wanted.provider}, which is not in providers`);
    return undefined;
  }
  if (entry.kind === 'anthropic') {
    problems.add(
      'embeddings.provider',
      `names ${wanted.provider}, an anthropic provider, which has no embeddings API`,
    );
    return undefined;
  }
  const provider = providers[wanted.provider];
  if (provider === undefined || provider.kind === 'anthropic') return undefined; // already reported
  if (provider.kind === 'deterministic') {
    return { provider: provider.name, model: wanted.model ?? DETERMINISTIC_EMBEDDINGS_MODEL };
  }
  const model = wanted.model ?? provider.embeddingsModel;
  if (model === undefined) {
    problems.add('embeddings.model', `is required: provider ${provider.name} has no embeddingsModel`);
    return undefined;
  }
  return { provider: provider.name, model };
}

function chooseDefaultProfile(file: ProvidersFile, problems: Problems): string {
  const names = Object.keys(file.profiles);
  if (file.defaultProfile !== undefined) {
    if (!names.includes(file.defaultProfile)) {
      problems.add('defaultProfile', `names ${file.defaultProfile}, which is not in profiles`);
    }
    return file.defaultProfile;
  }
  if (names.includes(DEFAULT_PROFILE)) return DEFAULT_PROFILE;
  if (names.length === 1) return names[0] ?? DEFAULT_PROFILE;
  problems.add(
    'defaultProfile',
    `is required when there are several profiles and none is named ${DEFAULT_PROFILE}`,
  );
  return DEFAULT_PROFILE;
}

/** Single-provider variables that the file replaces: set together with it, they are a mistake. */
const REPLACED_BY_FILE = [
  'PALYRA_MODEL_PROVIDER_KIND',
  'PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL',
  'PALYRA_MODEL_PROVIDER_OPENAI_API_KEY',
  'PALYRA_MODEL_PROVIDER_OPENAI_MODEL',
  'PALYRA_MODEL_PROVIDER_OPENAI_EMBEDDINGS_MODEL',
  'PALYRA_MODEL_PROVIDER_ANTHROPIC_BASE_URL',
  'PALYRA_MODEL_PROVIDER_ANTHROPIC_API_KEY',
  'PALYRA_MODEL_PROVIDER_ANTHROPIC_MODEL',
] as const;

function fromFile(
  path: string,
  file: ProvidersFile,
  values: ModelProviderEnvConfig,
  env: EnvSource,
  problems: Problems,
): ProvidersConfig {
  const providers: Record<string, ProviderSettings> = {};
  for (const [providerName, entry] of Object.entries(file.providers)) {
    const settings = fileProvider(providerName, entry, values, env, problems);
    if (settings !== undefined) providers[providerName] = settings;
  }
  const profiles: Record<string, ModelTarget[]> = {};
  for (const [profileName, targets] of Object.entries(file.profiles)) {
    profiles[profileName] = targets.flatMap((target, index) => {
      const resolved = resolveTarget(`profiles.${profileName}.${index}`, target, providers, file, problems);
      return resolved === undefined ? [] : [resolved];
    });
  }
  const ignored = REPLACED_BY_FILE.filter((variable) => (env[variable]?.trim() ?? '') !== '');
  return {
    providers,
    profiles,
    defaultProfile: chooseDefaultProfile(file, problems),
    embeddings: resolveEmbeddings(file, providers, problems),
    circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, ...file.circuitBreaker },
    source: path,
    warnings:
      ignored.length === 0
        ? []
        : [`PALYRA_MODEL_PROVIDERS_FILE is set, so these variables are ignored: ${ignored.join(', ')}`],
  };
}

function baseUrlField(config: ProvidersConfig, provider: string): string {
  if (config.source !== 'env') return `providers.${provider}.baseUrl`;
  return provider === 'anthropic'
    ? 'PALYRA_MODEL_PROVIDER_ANTHROPIC_BASE_URL'
    : 'PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL';
}

/**
 * Refuses base URLs that point into private networks unless allowed: a provider URL is an egress
 * the operator chose, and one that lands on loopback, an internal service or the cloud metadata
 * address is far more often a mistake (or a planted config) than a local model server.
 */
async function checkBaseUrls(
  config: ProvidersConfig,
  values: ModelProviderEnvConfig,
  file: ProvidersFile | undefined,
  lookup: HostLookup,
  problems: Problems,
): Promise<string[]> {
  const warnings: string[] = [];
  const checks = Object.values(config.providers).map(async (provider) => {
    if (provider.kind === 'deterministic') return;
    const entry = file?.providers[provider.name];
    const allowed =
      values.allowPrivateBaseUrl || (entry?.kind !== 'deterministic' && entry?.allowPrivateBaseUrl === true);
    if (allowed) return;
    const check = await checkBaseUrlHost(provider.baseUrl, lookup);
    if (check.outcome === 'private') {
      problems.add(
        baseUrlField(config, provider.name),
        `points to a private or loopback address (${check.addresses.join(', ')}); set PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL=true${
          file === undefined ? '' : ' or allowPrivateBaseUrl in the providers file'
        } to use a local model server`,
      );
    } else if (check.outcome === 'unresolved') {
      // DNS may be down for a moment at startup; the first call will fail clearly if it stays so.
      warnings.push(`model provider ${provider.name}: base URL host could not be resolved (${check.reason})`);
    }
  });
  await Promise.all(checks);
  return warnings;
}

/**
 * The providers configuration from the parsed variables and, when `PALYRA_MODEL_PROVIDERS_FILE`
 * names one, the providers file (API keys come from the variables the file names in `env`).
 * Every problem found is listed in one CONFIG_INVALID error: bad variables, an unreadable file,
 * schema errors, dangling provider or profile names, missing keys, private base URLs.
 */
export async function loadProvidersConfig(
  values: ModelProviderEnvConfig,
  env: EnvSource = process.env,
  options: LoadProvidersConfigOptions = {},
): Promise<ProvidersConfig> {
  const problems = new Problems();
  let config: ProvidersConfig | undefined;
  let file: ProvidersFile | undefined;
  let where = 'environment';
  if (values.providersFile === undefined) {
    config = fromEnv(values, problems);
  } else {
    const path = resolve(values.providersFile);
    where = path;
    file = await readProvidersFile(path, problems);
    if (file !== undefined) config = fromFile(path, file, values, env, problems);
  }
  // URLs are checked even when something else is wrong, so one error lists every problem.
  const warnings =
    config === undefined
      ? []
      : await checkBaseUrls(config, values, file, options.lookup ?? systemLookup, problems);
  if (config === undefined || !problems.empty) throw problems.error(where);
  return { ...config, warnings: [...config.warnings, ...warnings] };
}
