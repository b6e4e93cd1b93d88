import { toRunEventRecord } from '@palyra/journal';
import Type from 'typebox';
import { findVisibleRun } from '../../run-stream/run-access.js';
import { readRunEventPage } from '../../run-stream/run-event-page.js';
import { CANCEL_BY_REQUEST_REASON, requestRunCancel } from '../../run-stream/run-signals.js';
import { findReadableSession } from '../../sessions/session-access.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { AfterSeq, CONSOLE_TAGS, Limit, limitOf, RunIdParams, SessionIdParams } from './console-schemas.js';
import { CursorPage, CursorQueryFields, cursorOf } from './page-schemas.js';
import { RunEventJsonSchema, renderRunEventJson } from './run-event-json.js';
import { RunJsonSchema, toRunJson } from './run-json.js';

const tags = [CONSOLE_TAGS.runs];
const auth = { auth: 'tenant' } as const;

export const CANCEL_REASON_MAX_CHARS = 512;

/**
 * Runs the caller may see: its own principal's, or any of the tenant's for a tenant admin (as
 * AbortRun and ListRunEvents over gRPC). Any other run id reads as unknown (404).
 */
export function runRoutes(context: ConsoleContext): HttpRoutes {
  const { runs, sessions, journal } = context.repositories;
  const signals = { runs, journal, control: context.bus.control };
  return (app) => {
    app.get(
      consolePath('/runs/:run_id'),
      {
        config: auth,
        schema: {
          summary: 'Get a run: state, usage, timestamps',
          tags,
          params: RunIdParams,
          response: { 200: RunJsonSchema },
        },
      },
      async (request) => toRunJson(await findVisibleRun(runs, callerOf(request), request.params.run_id)),
    );

    app.get(
      consolePath('/sessions/:session_id/runs'),
      {
        config: auth,
        schema: {
          summary: "List a session's runs",
          description: 'In creation order; pass `next_cursor` as `cursor` for the next page.',
          tags,
          params: SessionIdParams,
          querystring: Type.Object(CursorQueryFields),
          response: { 200: CursorPage(RunJsonSchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const session = await findReadableSession(sessions, caller, request.params.session_id);
        const { cursor, limit } = request.query;
        const page = await runs.listBySession(caller.tenantId, session.sessionId, {
          cursor: cursorOf(cursor),
          limit: limitOf(limit),
        });
        return { items: page.items.map(toRunJson), next_cursor: page.nextCursor };
      },
    );

    app.post(
      consolePath('/runs/:run_id/cancel'),
      {
        config: auth,
        schema: {
          summary: 'Cancel a run',
          description:
            'Sets the durable cancel flag (the first request wins), journals it and wakes the worker ' +
            'holding the run, which ends it FAILED with `cancelled by request`. A finished run is ' +
            'returned unchanged, with `cancel_requested` as it was.',
          tags,
          params: RunIdParams,
          // The body is optional: null or absent cancels with the default reason.
          body: Type.Union([
            Type.Object(
              { reason: Type.Optional(Type.String({ minLength: 1, maxLength: CANCEL_REASON_MAX_CHARS })) },
              { additionalProperties: false },
            ),
            Type.Null(),
          ]),
          response: { 200: RunJsonSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const run = await findVisibleRun(runs, caller, request.params.run_id);
        const reason = request.body?.reason?.trim() || CANCEL_BY_REQUEST_REASON;
        return toRunJson(await requestRunCancel(signals, run, reason, caller.principal));
      },
    );

    app.get(
      consolePath('/runs/:run_id/events'),
      {
        config: auth,
        schema: {
          summary: "A page of a run's stream events",
          description:
            'The events a RunStream sends, with seq > `after_seq`, in seq order, as JSON (see ' +
            '`/runs/{run_id}/events/stream` for the same events as Server-Sent Events). ' +
            '`next_after_seq` is null on the last page.',
          tags,
          params: RunIdParams,
          querystring: Type.Object({ after_seq: Type.Optional(AfterSeq), limit: Type.Optional(Limit) }),
          response: {
            200: Type.Object({
              items: Type.Array(RunEventJsonSchema),
              next_after_seq: Type.Union([Type.Integer(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const run = await findVisibleRun(runs, caller, request.params.run_id);
        const page = await readRunEventPage(
          journal,
          caller.tenantId,
          run.runId,
          request.query.after_seq ?? 0,
          limitOf(request.query.limit),
        );
        return {
          items: page.events.map((event) => renderRunEventJson(run.runId, toRunEventRecord(event))),
          next_after_seq: page.nextAfterSeq === 0 ? null : page.nextAfterSeq,
        };
      },
    );
  };
}
