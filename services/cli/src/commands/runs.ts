import type { RunEvent } from '@palyra/client';
import { isCanonicalUlid } from '@palyra/core';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import type { ConnectionFlags } from '../settings.js';
import { isoTime } from './table.js';

function requireRunId(runId: string): string {
  const trimmed = runId.trim();
  if (!isCanonicalUlid(trimmed)) throw usageError('run_id must be a canonical ULID');
  return trimmed;
}

/** `palyra runs abort <run_id> [--reason]`. */
export async function abortRun(
  ctx: CommandContext,
  runId: string,
  options: { readonly reason?: string },
  flags: ConnectionFlags,
): Promise<number> {
  const id = requireRunId(runId);
  return ctx.withClient(flags, { requireToken: true }, async (client) => {
    const result = await client.abortRun(id, options.reason ?? '');
    ctx.out(
      result.cancelRequested
        ? `cancel requested for run ${result.runId || id}${result.reason ? ` (reason: ${result.reason})` : ''}`
        : `run ${id} was not cancelled`,
    );
    return 0;
  });
}

/** One human line per event: seq, time, type and the interesting fields. */
export function describeEvent(event: RunEvent): string {
  const head = `${String(event.seq).padStart(4)}  ${isoTime(event.timestampUnixMs)}  ${event.type}`;
  switch (event.type) {
    case 'status':
      return `${head} ${event.kind}${event.message ? ` ${event.message}` : ''}`;
    case 'token':
      return `${head} ${JSON.stringify(event.text)}${event.isFinal ? ' (final)' : ''}`;
    case 'tool_proposal':
      return `${head} ${event.toolName} ${event.inputJson}`;
    case 'tool_approval_request':
      return `${head} ${event.toolName} risk=${event.prompt?.riskLevel ?? 'UNSPECIFIED'} ${event.inputJson}`;
    case 'tool_approval_response':
      return `${head} ${event.approved ? 'approved' : 'denied'} ${event.reason}`.trimEnd();
    case 'tool_decision':
      return `${head} ${event.decision} ${event.reason}`.trimEnd();
    case 'tool_result':
      return `${head} ${event.success ? 'ok' : 'failed'} ${event.success ? event.outputJson : event.error}`.trimEnd();
    case 'tool_attestation':
      return `${head} sha256=${event.executionSha256}`;
    case 'journal_event':
      return `${head} ${event.event.kind} ${event.event.eventId}`;
    case 'a2ui_update':
      return `${head} ${event.surface}`;
  }
}

/** `palyra runs events <run_id> [--after-seq n] [--json]`: every page from the journal. */
export async function listRunEvents(
  ctx: CommandContext,
  runId: string,
  options: { readonly afterSeq?: number; readonly json?: boolean },
  flags: ConnectionFlags,
): Promise<number> {
  const id = requireRunId(runId);
  return ctx.withClient(flags, { requireToken: true }, async (client) => {
    let after: number | undefined = options.afterSeq ?? 0;
    let count = 0;
    while (after !== undefined) {
      const page = await client.listRunEvents(id, after);
      for (const event of page.events) {
        ctx.out(options.json ? JSON.stringify(event) : describeEvent(event));
        count += 1;
      }
      after = page.nextAfterSeq !== undefined && page.nextAfterSeq > after ? page.nextAfterSeq : undefined;
    }
    if (count === 0 && !options.json) ctx.err(`no events after seq ${options.afterSeq ?? 0}`);
    return 0;
  });
}
