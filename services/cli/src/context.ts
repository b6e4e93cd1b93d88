import { readFileSync } from 'node:fs';
import type { CreatePalyraClientOptions, PalyraClient } from '@palyra/client';
import { CliError } from './errors.js';
import { type CliIo, envValue } from './io.js';
import {
  type ClientOptionsRequest,
  type ConnectionFlags,
  clientOptionsOf,
  configPathOf,
  loadConfig,
  type ResolvedSettings,
  resolveSettings,
} from './settings.js';

/** The part of the SDK the commands use; tests pass a fake. */
export type CliClient = Pick<
  PalyraClient,
  | 'health'
  | 'resolveSession'
  | 'iterateSessions'
  | 'cleanupSession'
  | 'abortRun'
  | 'verifySessionChain'
  | 'listRunEvents'
  | 'openRun'
  | 'close'
>;

export interface MigrationResult {
  readonly applied: readonly string[];
}

/** What the CLI needs from the outside world. main.ts passes the real ones. */
export interface CliDeps {
  readonly io: CliIo;
  readonly createClient: (options: CreatePalyraClientOptions) => CliClient;
  /** Applies pending migrations to the database at `databaseUrl`. */
  readonly runMigrations: (databaseUrl: string) => Promise<MigrationResult>;
  /** OS user name, for the default principal `user:<name>`. */
  readonly username: string;
  readonly homedir: string;
  /** Where a relative PALYRA_STATE_ROOT starts (a local palyrad's token); unset: not looked up. */
  readonly cwd?: string;
}

export class CommandContext {
  readonly deps: CliDeps;

  constructor(deps: CliDeps) {
    this.deps = deps;
  }

  get io(): CliIo {
    return this.deps.io;
  }

  get configPath(): string {
    return configPathOf(this.io, this.deps.homedir);
  }

  out(line: string): void {
    this.io.stdout.write(`${line}\n`);
  }

  err(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  /** Resolved connection settings; creates the config file (device id) on first use. */
  settings(flags: ConnectionFlags): ResolvedSettings {
    const path = this.configPath;
    const file = loadConfig(path, this.deps.username, (line) => this.err(line));
    return resolveSettings(flags, this.io, file, path, this.deps.username, this.deps.cwd);
  }

  /** Runs `fn` with a client built from the settings and always closes it. */
  async withClient<T>(
    flags: ConnectionFlags,
    request: Omit<ClientOptionsRequest, 'tlsCa'>,
    fn: (client: CliClient, settings: ResolvedSettings) => Promise<T>,
  ): Promise<T> {
    const settings = this.settings(flags);
    const caFile = flags.tlsCa ?? envValue(this.io, 'PALYRA_TLS_CA_FILE');
    let tlsCa: Buffer | undefined;
    if (caFile !== undefined) {
      try {
        tlsCa = readFileSync(caFile);
      } catch (error) {
        throw new CliError(
          'CONFIG_INVALID',
          `cannot read TLS CA file ${caFile}: ${(error as Error).message}`,
        );
      }
    }
    const client = this.deps.createClient(clientOptionsOf(settings, { ...request, tlsCa }));
    try {
      return await fn(client, settings);
    } finally {
      client.close();
    }
  }
}
