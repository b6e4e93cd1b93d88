import type { SessionSummary } from '@palyra/client';
import { isCanonicalUlid } from '@palyra/core';
import type { CommandContext } from '../context.js';
import type { ConnectionFlags } from '../settings.js';
import { formatTable, isoTime } from './table.js';

export interface ListSessionsCommandOptions {
  readonly archived?: boolean;
  readonly query?: string;
  readonly json?: boolean;
}

/** `palyra sessions list`: every page, ordered by session key. */
export async function listSessions(
  ctx: CommandContext,
  options: ListSessionsCommandOptions,
  flags: ConnectionFlags,
): Promise<number> {
  return ctx.withClient(flags, { requireToken: true }, async (client) => {
    const sessions: SessionSummary[] = [];
    for await (const session of client.iterateSessions({
      includeArchived: options.archived ?? false,
      query: options.query,
    })) {
      sessions.push(session);
    }
    if (options.json) {
      ctx.out(JSON.stringify(sessions, null, 2));
      return 0;
    }
    if (sessions.length === 0) {
      ctx.err('no sessions');
      return 0;
    }
    const rows = sessions.map((session) => [
      session.sessionKey,
      session.sessionId,
      isoTime(session.updatedAtUnixMs),
      session.archivedAtUnixMs > 0 ? 'archived' : session.lastRunState || '-',
      session.title || session.sessionLabel || session.preview,
    ]);
    ctx.io.stdout.write(formatTable(['KEY', 'SESSION ID', 'UPDATED', 'STATE', 'TITLE'], rows));
    return 0;
  });
}

/** `palyra sessions cleanup <id|key>`: a canonical ULID is taken as the id, anything else as the key. */
export async function cleanupSession(
  ctx: CommandContext,
  target: string,
  flags: ConnectionFlags,
): Promise<number> {
  const selector = isCanonicalUlid(target.trim())
    ? { sessionId: target.trim() }
    : { sessionKey: target.trim() };
  return ctx.withClient(flags, { requireToken: true }, async (client) => {
    const result = await client.cleanupSession(selector);
    const id = result.session?.sessionId ?? target;
    if (!result.cleaned) {
      ctx.out(`session ${id} was already archived`);
      return 0;
    }
    const previous = result.previousSessionKey ? ` (key "${result.previousSessionKey}" is free again)` : '';
    ctx.out(`archived session ${id}${previous}, ${result.runCount} run(s)`);
    return 0;
  });
}
