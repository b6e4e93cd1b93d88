import { isCanonicalUlid } from '@palyra/core';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import type { ConnectionFlags } from '../settings.js';

/** `palyra journal verify <session_id> [--json]`: exit 1 and the first broken link when not ok. */
export async function verifyJournal(
  ctx: CommandContext,
  sessionId: string,
  options: { readonly json?: boolean },
  flags: ConnectionFlags,
): Promise<number> {
  const id = sessionId.trim();
  if (!isCanonicalUlid(id)) throw usageError('session_id must be a canonical ULID');
  return ctx.withClient(flags, { requireToken: true }, async (client) => {
    const result = await client.verifySessionChain(id);
    if (options.json) ctx.out(JSON.stringify({ sessionId: id, ...result }, null, 2));
    else if (result.ok)
      ctx.out(`ok: session ${id} chain of ${result.length} event(s) verifies, head ${result.headHash}`);
    else {
      ctx.out(
        `broken: session ${id} chain breaks at chain seq ${result.brokenAtChainSeq ?? '?'}: ${result.reason || 'hash mismatch'}`,
      );
    }
    return result.ok ? 0 : 1;
  });
}
