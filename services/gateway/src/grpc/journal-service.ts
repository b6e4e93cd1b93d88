import { PalyraError, requireUlid } from '@palyra/core';
import type { Repositories } from '@palyra/journal';
import { toRunEventRecord } from '@palyra/journal';
import type {
  JournalServiceHandlers,
  ListRunEventsRequest__Output,
  ListRunEventsResponse,
  VerifySessionChainRequest__Output,
  VerifySessionChainResponse,
} from '@palyra/proto';
import { renderRunStreamEvent } from '../run-stream/render-event.js';
import { findVisibleRun } from '../run-stream/run-access.js';
import { readRunEventPage } from '../run-stream/run-event-page.js';
import { identityOf } from '../sessions/session-lookup.js';
import { requireOwnSession, SESSION_NOT_FOUND_MESSAGE } from '../sessions/session-resolution.js';
import { pageLimit, requireVersion, ulidOf } from '../validation.js';
import { authenticatedUnary, type UnaryContext } from './unary-call.js';

export interface JournalServiceContext extends UnaryContext {
  readonly repositories: Repositories;
}

/**
 * palyra.journal.v1.JournalService (our addition): verify a session's hash chain, list a run's
 * stream events as the RunStream sent them. Callers see their own sessions and runs; tenant
 * admins see every one of their tenant.
 */
export function createJournalServiceHandlers(context: JournalServiceContext): JournalServiceHandlers {
  const { sessions, runs, journal } = context.repositories;

  const verifySessionChain = authenticatedUnary<
    VerifySessionChainRequest__Output,
    VerifySessionChainResponse
  >(context, 'VerifySessionChain', async (request, caller) => {
    requireVersion(request.v);
    const sessionId = requireUlid(ulidOf(request.session_id), 'session_id');
    const session = await sessions.get(caller.tenantId, sessionId);
    if (session === null) throw new PalyraError('SESSION_NOT_FOUND', SESSION_NOT_FOUND_MESSAGE);
    if (!caller.isAdmin) requireOwnSession(session, identityOf(caller));
    const result = await journal.verifyChain(caller.tenantId, sessionId);
    return result.ok
      ? { v: 1, ok: true, length: result.length, head_hash: result.headHash }
      : {
          v: 1,
          ok: false,
          length: result.length,
          broken_at_chain_seq: result.brokenAtChainSeq,
          reason: result.reason,
        };
  });

  const listRunEvents = authenticatedUnary<ListRunEventsRequest__Output, ListRunEventsResponse>(
    context,
    'ListRunEvents',
    async (request, caller) => {
      requireVersion(request.v);
      const runId = requireUlid(ulidOf(request.run_id), 'run_id');
      await findVisibleRun(runs, caller, runId);
      const page = await readRunEventPage(
        journal,
        caller.tenantId,
        runId,
        request.after_seq,
        pageLimit(request.limit),
      );
      const runIdMessage = { ulid: runId };
      return {
        v: 1,
        events: page.events.map((event) => renderRunStreamEvent(runIdMessage, toRunEventRecord(event))),
        next_after_seq: page.nextAfterSeq,
      };
    },
  );

  return { VerifySessionChain: verifySessionChain, ListRunEvents: listRunEvents };
}
