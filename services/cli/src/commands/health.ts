import type { CommandContext } from '../context.js';
import type { ConnectionFlags } from '../settings.js';

/** `palyra health [--json]`: GetHealth needs no token. Exit 1 unless the status is `ok`. */
export async function health(
  ctx: CommandContext,
  options: { readonly json?: boolean },
  flags: ConnectionFlags,
) {
  return ctx.withClient(flags, { requireToken: false }, async (client, settings) => {
    const info = await client.health();
    if (options.json) ctx.out(JSON.stringify({ url: settings.url.value, ...info }, null, 2));
    else {
      const details = [
        info.version && `version ${info.version}`,
        info.gitHash && `git ${info.gitHash}`,
        info.buildProfile,
        `up ${info.uptimeSeconds}s`,
      ].filter(Boolean);
      ctx.out(`${info.service || 'gateway'} ${info.status} at ${settings.url.value} (${details.join(', ')})`);
    }
    return info.status === 'ok' ? 0 : 1;
  });
}
