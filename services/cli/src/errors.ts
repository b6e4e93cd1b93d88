import { isPalyraClientError } from '@palyra/client';
import { isPalyraError } from '@palyra/core';

/** A failure the CLI itself detects (bad flags, missing settings); `code` goes in the error line. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode = 1) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError('USAGE', message, 2);
}

/** The code shown in `error: <message> (<CODE>)`. */
export function errorCode(error: unknown): string {
  if (error instanceof CliError || isPalyraClientError(error) || isPalyraError(error)) return error.code;
  return 'INTERNAL';
}

/**
 * One line, `error: <message> (<CODE>)`; with `debug` the stack follows. Messages come from the
 * server or from our own code and never contain the token.
 */
export function formatError(error: unknown, debug = false): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `error: ${message.trim() || 'unknown error'} (${errorCode(error)})\n`;
  if (!debug || !(error instanceof Error) || error.stack === undefined) return line;
  return `${line}${error.stack}\n`;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : 1;
}
