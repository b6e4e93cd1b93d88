import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { type CreatePalyraClientOptions, parseEndpoint } from '@palyra/client';
import { isCanonicalUlid, isTenantId, newId } from '@palyra/core';
import { CliError, usageError } from './errors.js';
import { type CliIo, envValue } from './io.js';

export const DEFAULT_GRPC_URL = '127.0.0.1:7443';

/** Environment variables, by setting. */
export const SETTING_ENV = {
  url: 'PALYRA_GRPC_URL',
  token: 'PALYRA_TOKEN',
  principal: 'PALYRA_PRINCIPAL',
  deviceId: 'PALYRA_DEVICE_ID',
  channel: 'PALYRA_CHANNEL',
  tenant: 'PALYRA_TENANT',
} as const;

export type SettingName = keyof typeof SETTING_ENV;
export const SETTING_NAMES = Object.keys(SETTING_ENV) as SettingName[];

/** The names `palyra config set` takes (kebab case, like the flags). */
export const CONFIG_KEYS: Readonly<Record<string, SettingName>> = {
  url: 'url',
  token: 'token',
  principal: 'principal',
  'device-id': 'deviceId',
  channel: 'channel',
  tenant: 'tenant',
};

/** The config file: a few connection settings, mode 0600 because it may hold the token. */
export interface CliConfigFile {
  url?: string;
  token?: string;
  principal?: string;
  deviceId?: string;
  channel?: string;
  tenant?: string;
}

export type ConnectionFlags = Partial<Record<SettingName, string>> & { readonly tlsCa?: string };

export type SettingSource = 'flag' | 'env' | 'file' | 'palyrad' | 'default';

export interface ResolvedSetting {
  readonly value: string | undefined;
  readonly source: SettingSource;
}

export type ResolvedSettings = Readonly<Record<SettingName, ResolvedSetting>> & {
  readonly configPath: string;
};

/** `$PALYRA_CLI_CONFIG`, else `$XDG_CONFIG_HOME/palyra/cli.json`, else `~/.config/palyra/cli.json`. */
export function configPathOf(io: CliIo, homedir: string): string {
  const explicit = envValue(io, 'PALYRA_CLI_CONFIG');
  if (explicit !== undefined) return explicit;
  const xdg = envValue(io, 'XDG_CONFIG_HOME');
  return join(xdg ?? join(homedir, '.config'), 'palyra', 'cli.json');
}

/** No file there (ENOTDIR: a path component is a file, so the config cannot exist either). */
function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function readConfigFile(path: string): CliConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return {};
    throw new CliError('CONFIG_INVALID', `cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('CONFIG_INVALID', `${path} is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError('CONFIG_INVALID', `${path} must hold a JSON object`);
  }
  const config: CliConfigFile = {};
  for (const name of SETTING_NAMES) {
    const value = (parsed as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new CliError('CONFIG_INVALID', `${path}: ${name} must be a string`);
    config[name] = value;
  }
  return config;
}

/**
 * Writes atomically (temp file + rename) with mode 0600 in a 0700 directory; chmod as well,
 * because `mode` applies only when a file is created.
 */
export function writeConfigFile(path: string, config: CliConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * Reads the config file and fills in what must persist: the device id (a ULID generated once) and
 * the principal (`user:<os username>`). If the file cannot be written (read-only home in a
 * container), the values are used for this process only and `warn` is told why.
 */
export function loadConfig(path: string, username: string, warn: (line: string) => void): CliConfigFile {
  const config = readConfigFile(path);
  if (config.deviceId !== undefined && config.principal !== undefined) return config;
  const completed: CliConfigFile = {
    ...config,
    principal: config.principal ?? `user:${username}`,
    deviceId: config.deviceId ?? newId(),
  };
  try {
    writeConfigFile(path, completed);
  } catch (error) {
    warn(`warning: cannot save ${path} (${(error as Error).message}); using a device id for this run only`);
  }
  return completed;
}

/** The admin token a local palyrad generated: `$PALYRA_STATE_ROOT/admin-token`, default `./.palyra`. */
export function palyradTokenPath(io: CliIo, cwd: string): string {
  return resolvePath(cwd, envValue(io, 'PALYRA_STATE_ROOT') ?? '.palyra', 'admin-token');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Every URL is on this machine, so the palyrad behind it may have left its token here. */
export function isLocalUrl(value: string): boolean {
  const urls = splitUrls(value);
  return (
    urls.length > 0 &&
    urls.every((url) => {
      try {
        const { target } = parseEndpoint(url);
        return LOOPBACK_HOSTS.has(target.slice(0, target.lastIndexOf(':')));
      } catch {
        return false;
      }
    })
  );
}

function readPalyradToken(path: string): string | undefined {
  try {
    const token = readFileSync(path, 'utf8').trim();
    return token === '' || /\s/.test(token) ? undefined : token;
  } catch {
    return undefined;
  }
}

/**
 * Precedence: flag > env > file > a local palyrad's token file > default. The palyrad file is read
 * only with `cwd` and when every URL is loopback, so a remote gateway never gets a local token.
 */
export function resolveSettings(
  flags: ConnectionFlags,
  io: CliIo,
  file: CliConfigFile,
  configPath: string,
  username: string,
  cwd?: string,
): ResolvedSettings {
  const defaults: Record<SettingName, string | undefined> = {
    url: DEFAULT_GRPC_URL,
    token: undefined,
    principal: `user:${username}`,
    deviceId: undefined,
    channel: undefined,
    tenant: undefined,
  };
  const resolve = (name: SettingName): ResolvedSetting => {
    const flag = flags[name]?.trim();
    if (flag !== undefined && flag !== '') return { value: flag, source: 'flag' };
    const env = envValue(io, SETTING_ENV[name]);
    if (env !== undefined) return { value: env, source: 'env' };
    const stored = file[name]?.trim();
    if (stored !== undefined && stored !== '') return { value: stored, source: 'file' };
    return { value: defaults[name], source: 'default' };
  };
  const url = resolve('url');
  let token = resolve('token');
  if (token.value === undefined && cwd !== undefined && isLocalUrl(url.value ?? DEFAULT_GRPC_URL)) {
    const local = readPalyradToken(palyradTokenPath(io, cwd));
    if (local !== undefined) token = { value: local, source: 'palyrad' };
  }
  return {
    url,
    token,
    principal: resolve('principal'),
    deviceId: resolve('deviceId'),
    channel: resolve('channel'),
    tenant: resolve('tenant'),
    configPath,
  };
}

/** `a,b` -> two gateways: calls use the first, a run stream fails over to the next. */
export function splitUrls(value: string): string[] {
  return value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

/** Checks a value before it is stored or used; throws a usage error naming the setting. */
export function validateSetting(name: SettingName, value: string): string {
  const trimmed = value.trim();
  switch (name) {
    case 'url': {
      const urls = splitUrls(trimmed);
      if (urls.length === 0) throw usageError('url must not be empty');
      for (const url of urls) parseEndpoint(url);
      return urls.join(',');
    }
    case 'deviceId':
      if (!isCanonicalUlid(trimmed)) throw usageError('device id must be a canonical ULID');
      return trimmed;
    case 'tenant':
      if (!isTenantId(trimmed)) throw usageError(`tenant "${trimmed}" is not a valid tenant id`);
      return trimmed;
    case 'token':
      if (trimmed === '' || /\s/.test(trimmed))
        throw usageError('token must be non-empty without whitespace');
      return trimmed;
    default:
      if (trimmed === '') throw usageError(`${name} must not be empty`);
      return trimmed;
  }
}

export interface ClientOptionsRequest {
  /** Only `palyra health` works without a token. */
  readonly requireToken: boolean;
  readonly tlsCa?: Buffer;
}

export function clientOptionsOf(
  settings: ResolvedSettings,
  request: ClientOptionsRequest,
): CreatePalyraClientOptions {
  const token = settings.token.value;
  if (request.requireToken && token === undefined) {
    throw new CliError(
      'UNAUTHENTICATED',
      'no token: pass --token, set PALYRA_TOKEN or run `palyra config set token -` (reads stdin)',
    );
  }
  const url = validateSetting('url', settings.url.value ?? DEFAULT_GRPC_URL);
  const deviceId = settings.deviceId.value;
  if (deviceId === undefined) throw new CliError('CONFIG_INVALID', 'no device id');
  return {
    url: splitUrls(url),
    token,
    principal: validateSetting('principal', settings.principal.value ?? ''),
    deviceId: validateSetting('deviceId', deviceId),
    channel: settings.channel.value,
    tenant:
      settings.tenant.value === undefined ? undefined : validateSetting('tenant', settings.tenant.value),
    tls: request.tlsCa === undefined ? undefined : { ca: request.tlsCa },
    originType: 'ORIGIN_TYPE_CLI',
  };
}
