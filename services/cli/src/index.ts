export { type ChatOptions, type SessionSelection, selectSession } from './commands/chat.js';
export { type CliClient, type CliDeps, CommandContext, type MigrationResult } from './context.js';
export { CliError, formatError } from './errors.js';
export { type CliIo, InterruptBus, type OutputStream } from './io.js';
export { CLI_VERSION, createProgram, runCli } from './program.js';
export { RunRenderer } from './render.js';
export {
  type CliConfigFile,
  configPathOf,
  DEFAULT_GRPC_URL,
  loadConfig,
  type ResolvedSettings,
  resolveSettings,
} from './settings.js';
