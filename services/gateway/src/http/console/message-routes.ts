import { invalidArgument, newId } from '@palyra/core';
import Type from 'typebox';
import { admitRun, runInAnotherSession } from '../../run-stream/run-admission.js';
import { closeRunInput } from '../../run-stream/run-signals.js';
import { findOwnSession } from '../../sessions/session-access.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { CONSOLE_TAGS, SessionIdParams, Ulid } from './console-schemas.js';

/** Where the SSE stream of a run is served. */
export function runEventStreamPath(runId: string): string {
  return consolePath(`/runs/${runId}/events/stream`);
}

/**
 * `POST sessions/{session_id}/messages`: starts a run with one message, admitted exactly as a
 * RunStream's first message (admitRun), and closes its input at once, so the run ends after
 * answering (tool approvals are decided through the approvals routes meanwhile). The client
 * follows it on `events_url`. A retry with the same `run_id` returns the same run and journals
 * nothing again.
 */
export function messageRoutes(context: ConsoleContext): HttpRoutes {
  const { sessions, runs, journal } = context.repositories;
  const signals = { runs, journal, control: context.bus.control };
  return (app) => {
    app.post(
      consolePath('/sessions/:session_id/messages'),
      {
        config: { auth: 'tenant' },
        schema: {
          summary: 'Send a message: start a run in the session',
          description:
            'Admits a run with `text` as its input and closes its input, so the run ends after ' +
            'answering. `run_id` (optional, a client-minted ULID) makes retries idempotent: the same ' +
            "id answers with the same run. Follow the run's events at `events_url` (Server-Sent Events).",
          tags: [CONSOLE_TAGS.runs, CONSOLE_TAGS.sessions],
          params: SessionIdParams,
          body: Type.Object(
            { text: Type.String({ minLength: 1 }), run_id: Type.Optional(Ulid) },
            { additionalProperties: false },
          ),
          response: {
            202: Type.Object({
              run_id: Ulid,
              session_id: Ulid,
              /** Path of the run's SSE stream on this API. */
              events_url: Type.String(),
              /** False when `run_id` named a run that already existed (a retry). */
              created: Type.Boolean(),
            }),
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const text = request.body.text;
        if (text.trim() === '') throw invalidArgument('body.text', 'text must not be blank');
        const session = await findOwnSession(sessions, caller, request.params.session_id);
        const runId = request.body.run_id ?? newId();
        const admission = await admitRun(context, caller, {
          runId,
          sessionId: session.sessionId,
          input: { text },
        });
        const { run } = admission;
        if (!admission.created) {
          if (run.sessionId !== session.sessionId) throw runInAnotherSession();
          if (run.state === 'accepted') {
            // The admitting request may have died between its admission (one transaction) and the
            // enqueue; enqueue is deduplicated by run id.
            await context.bus.runQueue.enqueue({ tenantId: run.tenantId, sessionId: run.sessionId, runId });
          }
        }
        await closeRunInput(signals, run);
        return reply.status(202).send({
          run_id: runId,
          session_id: session.sessionId,
          events_url: runEventStreamPath(runId),
          created: admission.created,
        });
      },
    );
  };
}
