import { isPalyraError } from '@palyra/core';
import type { CommandContext } from '../context.js';
import { CliError } from '../errors.js';
import { envValue } from '../io.js';

/**
 * Keeps the database's own reason (the part an operator acts on) and never the URL, which may
 * hold a password.
 */
function migrationError(error: unknown): unknown {
  if (isPalyraError(error)) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new CliError(error.code, `${error.message}${cause}`);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new CliError('UNAVAILABLE', `database unreachable: ${(error as Error).message}`);
  }
  return error;
}

/** `palyra migrate [--database-url]`: applies pending journal migrations (advisory-locked). */
export async function runMigrate(
  ctx: CommandContext,
  options: { readonly databaseUrl?: string },
): Promise<number> {
  const url = options.databaseUrl?.trim() || envValue(ctx.io, 'PALYRA_DATABASE_URL');
  if (url === undefined) {
    throw new CliError('CONFIG_INVALID', 'PALYRA_DATABASE_URL is not set (or pass --database-url)');
  }
  let applied: readonly string[];
  try {
    ({ applied } = await ctx.deps.runMigrations(url));
  } catch (error) {
    throw migrationError(error);
  }
  if (applied.length === 0) ctx.out('schema is current: no migrations to apply');
  else ctx.out(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
  return 0;
}
