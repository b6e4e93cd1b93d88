import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type ChatOptions, runChat } from './commands/chat.js';
import { setConfig, showConfig, unsetConfig } from './commands/config.js';
import { type DevTokenOptions, devToken } from './commands/dev.js';
import { health } from './commands/health.js';
import { verifyJournal } from './commands/journal.js';
import { runMigrate } from './commands/migrate.js';
import { abortRun, listRunEvents } from './commands/runs.js';
import { cleanupSession, listSessions } from './commands/sessions.js';
import { type CliDeps, CommandContext } from './context.js';
import { exitCodeOf, formatError } from './errors.js';
import { envValue } from './io.js';
import type { ConnectionFlags } from './settings.js';

export const CLI_VERSION = '0.1.0';

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0)
    throw new InvalidArgumentError('must be a non-negative integer');
  return parsed;
}

/** The connection flags of a command, from the program's (global) options. */
function flagsOf(command: Command): ConnectionFlags {
  const options = command.optsWithGlobals<Record<string, string | undefined>>();
  return {
    url: options.url,
    token: options.token,
    principal: options.principal,
    deviceId: options.deviceId,
    channel: options.channel,
    tenant: options.tenant,
    tlsCa: options.tlsCa,
  };
}

/**
 * Builds the `palyra` program. Each action stores its exit code in `result`; errors propagate
 * to runCli, which prints them as one line.
 */
export function createProgram(ctx: CommandContext, result: { exitCode: number }): Command {
  const { io } = ctx;
  const program = new Command('palyra')
    .description(
      'Command-line client for Palyra: chat with agents, manage sessions and runs, verify the journal.',
    )
    .version(CLI_VERSION, '-V, --version')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // commander's own errors ("error: unknown option '--x'") get our code suffix.
      outputError: (text, write) => write(`${text.trimEnd()} (USAGE)\n`),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .option(
      '--url <url>',
      'gateway address(es), comma-separated: host:port, grpc://, grpcs:// [PALYRA_GRPC_URL]',
    )
    .option('--token <token>', 'bearer token (JWT or admin token) [PALYRA_TOKEN]')
    .option('--principal <principal>', 'x-palyra-principal [PALYRA_PRINCIPAL]')
    .option('--device-id <ulid>', 'x-palyra-device-id [PALYRA_DEVICE_ID]')
    .option('--channel <channel>', 'x-palyra-channel [PALYRA_CHANNEL]')
    .option(
      '--tenant <tenant>',
      'x-palyra-tenant (admin token), tenant claim for `dev token` [PALYRA_TENANT]',
    )
    .option('--tls-ca <file>', 'PEM CA bundle for grpcs:// [PALYRA_TLS_CA_FILE]');

  const set = (code: number): void => {
    result.exitCode = code;
  };

  program
    .command('chat')
    .description('send a message and stream the answer; without one, start an interactive session')
    .argument('[message...]', 'the message (words are joined with spaces)')
    .option('--session-key <key>', 'use the session with this key')
    .option('--session-id <ulid>', 'use the session with this id')
    .option('--new-session', 'start a new session')
    .option('--reset', 'reset the session first (no context from its previous run)')
    .option('--approve-all', 'allow every tool approval request once, without asking')
    .option('--allow-sensitive-tools', 'let the agent propose sensitive tools')
    .option('-q, --quiet', 'hide status lines')
    .addOption(
      new Option(
        '--answer-settle-ms <ms>',
        'fallback for servers without the awaiting-input flag: quiet time after the answer before ending input',
      )
        .argParser(nonNegativeInteger)
        .hideHelp(),
    )
    .action(async (words: string[], options: Record<string, unknown>, command: Command) => {
      const chat: ChatOptions = {
        sessionKey: options.sessionKey as string | undefined,
        sessionId: options.sessionId as string | undefined,
        newSession: options.newSession === true,
        resetSession: options.reset === true,
        approveAll: options.approveAll === true,
        allowSensitiveTools: options.allowSensitiveTools === true,
        quiet: options.quiet === true,
        answerSettleMs: options.answerSettleMs as number | undefined,
      };
      set(await runChat(ctx, words, chat, flagsOf(command)));
    });

  const sessions = program.command('sessions').description('list and archive sessions');
  sessions
    .command('list')
    .description("list the caller's sessions")
    .option('--archived', 'include archived sessions')
    .option('--query <q>', 'filter by text')
    .option('--json', 'print JSON')
    .action(async (options: { archived?: boolean; query?: string; json?: boolean }, command: Command) => {
      set(await listSessions(ctx, options, flagsOf(command)));
    });
  sessions
    .command('cleanup')
    .description('archive a session (frees its key)')
    .argument('<id|key>', 'session id (ULID) or session key')
    .action(async (target: string, _options: unknown, command: Command) => {
      set(await cleanupSession(ctx, target, flagsOf(command)));
    });

  const runs = program.command('runs').description('inspect and stop runs');
  runs
    .command('abort')
    .description('request cancellation of a run')
    .argument('<run_id>', 'run id (ULID)')
    .option('--reason <reason>', 'recorded with the cancellation')
    .action(async (runId: string, options: { reason?: string }, command: Command) => {
      set(await abortRun(ctx, runId, options, flagsOf(command)));
    });
  runs
    .command('events')
    .description("print a run's events from the journal")
    .argument('<run_id>', 'run id (ULID)')
    .option('--after-seq <n>', 'only events with a greater seq', nonNegativeInteger)
    .option('--json', 'print one JSON object per line')
    .action(async (runId: string, options: { afterSeq?: number; json?: boolean }, command: Command) => {
      set(await listRunEvents(ctx, runId, options, flagsOf(command)));
    });

  program
    .command('journal')
    .description("check a session's hash-chained journal")
    .command('verify')
    .description('recompute the hash chain; exit 1 with the first broken link')
    .argument('<session_id>', 'session id (ULID)')
    .option('--json', 'print JSON')
    .action(async (sessionId: string, options: { json?: boolean }, command: Command) => {
      set(await verifyJournal(ctx, sessionId, options, flagsOf(command)));
    });

  program
    .command('health')
    .description('check the gateway (no token needed)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      set(await health(ctx, options, flagsOf(command)));
    });

  program
    .command('migrate')
    .description('apply pending database migrations [PALYRA_DATABASE_URL]')
    .option('--database-url <url>', 'Postgres URL (the schema owner)')
    .action(async (options: { databaseUrl?: string }) => {
      set(await runMigrate(ctx, options));
    });

  program
    .command('dev')
    .description('development helpers')
    .command('token')
    .description('mint an HS256 development JWT (tenant from --tenant, default "default")')
    .option('--secret <secret>', 'the gateway JWT secret, >= 32 bytes [PALYRA_JWT_SECRET]')
    .option('--subject <subject>', 'the principal, e.g. user:alice')
    .option('--issuer <issuer>', 'iss [PALYRA_JWT_ISSUER, default palyra-dev]')
    .option('--audience <audience>', 'aud [PALYRA_JWT_AUDIENCE, default palyra]')
    .option('--roles <roles>', 'comma-separated roles, e.g. admin')
    .option('--ttl <seconds>', 'lifetime in seconds (default 3600)')
    .action(async (_options: unknown, command: Command) => {
      set(await devToken(ctx, command.optsWithGlobals<DevTokenOptions>()));
    });

  const config = program.command('config').description('show or change the CLI config file');
  config
    .command('show')
    .description('effective connection settings and their source (the token is never shown)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      set(await showConfig(ctx, options, flagsOf(command)));
    });
  config
    .command('set')
    .description('store a setting: url, token, principal, device-id, channel, tenant')
    .argument('<key>')
    .argument('<value>', 'the value; - reads it from stdin')
    .action(async (key: string, value: string) => {
      set(await setConfig(ctx, key, value));
    });
  config
    .command('unset')
    .description('remove a stored setting')
    .argument('<key>')
    .action(async (key: string) => {
      set(await unsetConfig(ctx, key));
    });

  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const ctx = new CommandContext(deps);
  const result = { exitCode: 0 };
  const program = createProgram(ctx, result);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    deps.io.stderr.write(formatError(error, envValue(deps.io, 'PALYRA_DEBUG') === '1'));
    return exitCodeOf(error);
  }
}
