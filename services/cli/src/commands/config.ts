import { text } from 'node:stream/consumers';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import {
  CONFIG_KEYS,
  type ConnectionFlags,
  loadConfig,
  SETTING_ENV,
  SETTING_NAMES,
  type SettingName,
  validateSetting,
  writeConfigFile,
} from '../settings.js';

function settingOf(key: string): SettingName {
  const name = CONFIG_KEYS[key];
  if (name === undefined) {
    throw usageError(`unknown key "${key}"; one of ${Object.keys(CONFIG_KEYS).join(', ')}`);
  }
  return name;
}

const KEY_OF: Readonly<Record<SettingName, string>> = Object.fromEntries(
  Object.entries(CONFIG_KEYS).map(([key, name]) => [name, key]),
) as Record<SettingName, string>;

/** `palyra config show [--json]`: effective settings and where each comes from. Never the token. */
export async function showConfig(
  ctx: CommandContext,
  options: { readonly json?: boolean },
  flags: ConnectionFlags,
): Promise<number> {
  const settings = ctx.settings(flags);
  const shown = (name: SettingName): string | null => {
    const value = settings[name].value;
    if (value === undefined) return null;
    return name === 'token' ? '<set>' : value;
  };
  if (options.json) {
    const entries = SETTING_NAMES.map((name) => [
      KEY_OF[name],
      { value: shown(name), source: settings[name].source, env: SETTING_ENV[name] },
    ]);
    ctx.out(
      JSON.stringify({ configFile: settings.configPath, settings: Object.fromEntries(entries) }, null, 2),
    );
    return 0;
  }
  ctx.out(`config file: ${settings.configPath}`);
  for (const name of SETTING_NAMES) {
    const value = shown(name);
    ctx.out(
      `${KEY_OF[name].padEnd(10)} ${value ?? '(unset)'}${value === null ? '' : `  [${settings[name].source}]`}`,
    );
  }
  return 0;
}

/** `palyra config set <key> <value>`; value `-` reads it from stdin (keeps a token out of shell history). */
export async function setConfig(ctx: CommandContext, key: string, value: string): Promise<number> {
  const name = settingOf(key);
  const raw = value === '-' ? (await text(ctx.io.stdin)).trim() : value;
  const validated = validateSetting(name, raw);
  const path = ctx.configPath;
  const config = loadConfig(path, ctx.deps.username, (line) => ctx.err(line));
  writeConfigFile(path, { ...config, [name]: validated });
  ctx.out(`${key} saved to ${path}`);
  return 0;
}

/** `palyra config unset <key>`. The device id cannot be unset, only replaced. */
export async function unsetConfig(ctx: CommandContext, key: string): Promise<number> {
  const name = settingOf(key);
  if (name === 'deviceId')
    throw usageError('the device id identifies this CLI; use `config set device-id <ulid>`');
  const path = ctx.configPath;
  const config = loadConfig(path, ctx.deps.username, (line) => ctx.err(line));
  delete config[name];
  writeConfigFile(path, config);
  ctx.out(`${key} removed from ${path}`);
  return 0;
}
