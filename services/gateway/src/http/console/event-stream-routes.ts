import { invalidArgument, isTerminalRunState, PalyraError } from '@palyra/core';
import Type from 'typebox';
import { findVisibleRun } from '../../run-stream/run-access.js';
import { DRAINING_REFUSAL_MESSAGE } from '../../run-stream/run-stream-call.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { AfterSeq, CONSOLE_TAGS, RunIdParams } from './console-schemas.js';
import { RunEventStream, SSE_ERROR_EVENT } from './run-event-stream.js';

const LAST_EVENT_ID_PATTERN = '^[0-9]{1,15}$';

/**
 * Where a stream resumes: after `Last-Event-ID` when present (a browser's EventSource sends it on
 * every reconnect, to the same URL, so it wins over the URL's `after_seq`), else after `after_seq`.
 */
export function resumeSeqOf(lastEventId: string | undefined, afterSeq: number | undefined): number {
  if (lastEventId !== undefined && lastEventId !== '') return Number(lastEventId);
  return afterSeq ?? 0;
}

/**
 * `GET runs/{run_id}/events/stream`: the run's events as Server-Sent Events, from any replica.
 * Open streams are ended when the server closes (fastify `preClose`), so a shutdown never waits
 * on them and their clients resume elsewhere with `Last-Event-ID`.
 */
export function eventStreamRoutes(context: ConsoleContext): HttpRoutes {
  const { runs } = context.repositories;
  const open = new Set<RunEventStream>();
  return (app) => {
    app.addHook('preClose', async () => {
      for (const stream of [...open]) stream.end();
    });

    app.get(
      consolePath('/runs/:run_id/events/stream'),
      {
        // A HEAD would run the whole stream only to drop its body.
        exposeHeadRoute: false,
        config: { auth: 'tenant' },
        schema: {
          summary: "Follow a run's events as Server-Sent Events",
          description:
            'Each event is `id: <seq>`, `event: <type>` and `data: <the event as JSON>`, the same JSON ' +
            'as `GET /runs/{run_id}/events`. Starts after `Last-Event-ID` (sent by EventSource when it ' +
            'reconnects; wins over the query) or `after_seq` (default 0: from the start), on any ' +
            'replica. A comment line is sent every 15 s while the run is quiet. The response ends ' +
            'after the terminal status (DONE or FAILED); asking again from that seq answers 204, ' +
            'which tells EventSource to stop reconnecting. If following fails, a `' +
            SSE_ERROR_EVENT +
            '` event (no id) with `{error}` ends the response. While the gateway drains, new streams ' +
            'get 503: retry on another replica.',
          tags: [CONSOLE_TAGS.runs],
          params: RunIdParams,
          querystring: Type.Object({ after_seq: Type.Optional(AfterSeq) }),
          headers: Type.Object({
            'last-event-id': Type.Optional(
              Type.String({ pattern: LAST_EVENT_ID_PATTERN, description: 'the last seq the client has' }),
            ),
          }),
          response: {
            200: {
              description: 'the event stream',
              content: { 'text/event-stream': { schema: Type.String() } },
            },
            204: Type.Null({ description: 'the run has ended and the client has every event' }),
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        if (context.isDraining()) throw new PalyraError('UNAVAILABLE', DRAINING_REFUSAL_MESSAGE);
        const run = await findVisibleRun(runs, caller, request.params.run_id);
        const lastEventId = request.headers['last-event-id'];
        const afterSeq = resumeSeqOf(lastEventId, request.query.after_seq);
        if (afterSeq > run.lastSeq) {
          const field = lastEventId === undefined ? 'query.after_seq' : 'headers.last-event-id';
          throw invalidArgument(field, `${field} is beyond the last event of the run (${run.lastSeq})`);
        }
        if (isTerminalRunState(run.state) && afterSeq === run.lastSeq) return reply.status(204).send(null);

        const stream = new RunEventStream(context, reply.raw, {
          tenantId: caller.tenantId,
          runId: run.runId,
          afterSeq,
          onEnded: () => open.delete(stream),
        });
        await stream.subscribe();
        reply.hijack();
        open.add(stream);
        stream.start(reply.getHeaders());
        return reply;
      },
    );
  };
}
