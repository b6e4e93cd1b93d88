import Type from 'typebox';
import { findOwnSession, findReadableSession } from '../../sessions/session-access.js';
import { createSessionLookup, identityOf } from '../../sessions/session-lookup.js';
import { normalizeSelector, resolveSession } from '../../sessions/session-resolution.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { CONSOLE_TAGS, limitOf, SessionIdParams, Ulid } from './console-schemas.js';
import { ChainSeqPage, ChainSeqQuery, CursorPage, CursorQueryFields, cursorOf } from './page-schemas.js';
import { SessionJsonSchema, toSessionJson } from './session-json.js';
import { readTranscript, TranscriptEntrySchema } from './transcript.js';

const tags = [CONSOLE_TAGS.sessions];
const auth = { auth: 'tenant' } as const;

export const SESSION_LABEL_MAX_CHARS = 256;
export const SESSION_KEY_MAX_CHARS = 256;

/**
 * Sessions of the caller's identity (tenant, principal, device, channel), as ListSessions sees
 * them. Reads of one session by id are also open to tenant admins; changes are the owner's only.
 * Any other session reads as unknown (404).
 */
export function sessionRoutes(context: ConsoleContext): HttpRoutes {
  const { sessions, journal } = context.repositories;
  return (app) => {
    app.get(
      consolePath('/sessions'),
      {
        config: auth,
        schema: {
          summary: "List the caller's sessions",
          description:
            'Ordered by session key. `q` matches a case-insensitive substring of the key or label; ' +
            'archived sessions are left out unless `include_archived=true`.',
          tags,
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 256 })),
            ...CursorQueryFields,
            include_archived: Type.Optional(Type.Boolean()),
          }),
          response: { 200: CursorPage(SessionJsonSchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const { q, cursor, limit, include_archived: includeArchived } = request.query;
        const page = await sessions.list(caller.tenantId, identityOf(caller), {
          q: q?.trim() ?? '',
          cursor: cursorOf(cursor),
          limit: limitOf(limit),
          includeArchived: includeArchived === true,
        });
        return { items: page.items.map(toSessionJson), next_cursor: page.nextCursor };
      },
    );

    app.post(
      consolePath('/sessions'),
      {
        config: auth,
        schema: {
          summary: 'Find or create a session',
          description:
            'The ResolveSession rules: finds the session selected by `session_id` and/or ' +
            "`session_key` (or, with neither, by `session_label`), which must be the caller's " +
            "(409 'session identity mismatch' otherwise); else creates it (404 with " +
            "`require_existing`). `reset_session` clears a found session's last run. 201 when created.",
          tags,
          body: Type.Object(
            {
              session_id: Type.Optional(Ulid),
              session_key: Type.Optional(Type.String({ maxLength: SESSION_KEY_MAX_CHARS })),
              session_label: Type.Optional(Type.String({ maxLength: SESSION_LABEL_MAX_CHARS })),
              require_existing: Type.Optional(Type.Boolean()),
              reset_session: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: {
            '2xx': Type.Object({
              session: SessionJsonSchema,
              created: Type.Boolean(),
              reset_applied: Type.Boolean(),
            }),
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const body = request.body;
        const selector = normalizeSelector({
          session_id: body.session_id === undefined ? null : { ulid: body.session_id },
          session_key: body.session_key ?? '',
          session_label: body.session_label ?? '',
          require_existing: body.require_existing === true,
          reset_session: body.reset_session === true,
        });
        const resolution = await resolveSession(
          selector,
          identityOf(caller),
          createSessionLookup(sessions, caller.tenantId),
        );
        return reply.status(resolution.created ? 201 : 200).send({
          session: toSessionJson(resolution.session),
          created: resolution.created,
          reset_applied: resolution.resetApplied,
        });
      },
    );

    app.get(
      consolePath('/sessions/:session_id'),
      {
        config: auth,
        schema: {
          summary: 'Get a session',
          tags,
          params: SessionIdParams,
          response: { 200: SessionJsonSchema },
        },
      },
      async (request) => {
        const session = await findReadableSession(sessions, callerOf(request), request.params.session_id);
        return toSessionJson(session);
      },
    );

    app.get(
      consolePath('/sessions/:session_id/transcript'),
      {
        config: auth,
        schema: {
          summary: "A session's conversation: messages and tool events",
          description:
            'Read from the journal in chain order. User messages, assistant messages (one per model ' +
            'turn, its streamed chunks joined) and tool events. Paged by chain seq: pass ' +
            '`next_after_chain_seq` as `after_chain_seq`; null means nothing more for now. An ' +
            'assistant message still being written (or longer than one page) has `complete: false`; ' +
            'its continuation is the next entry with the same `run_id` and `turn`.',
          tags,
          params: SessionIdParams,
          querystring: ChainSeqQuery,
          response: { 200: ChainSeqPage(TranscriptEntrySchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const session = await findReadableSession(sessions, caller, request.params.session_id);
        const page = await readTranscript(
          journal,
          caller.tenantId,
          session.sessionId,
          request.query.after_chain_seq ?? 0,
          limitOf(request.query.limit),
        );
        return { items: page.items, next_after_chain_seq: page.nextAfterChainSeq };
      },
    );

    app.patch(
      consolePath('/sessions/:session_id'),
      {
        config: auth,
        schema: {
          summary: 'Rename a session',
          description: "Sets the session's label (a display name); an empty label clears it.",
          tags,
          params: SessionIdParams,
          body: Type.Object(
            { label: Type.String({ maxLength: SESSION_LABEL_MAX_CHARS }) },
            { additionalProperties: false },
          ),
          response: { 200: SessionJsonSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const session = await findOwnSession(sessions, caller, request.params.session_id);
        const renamed = await sessions.rename(caller.tenantId, session.sessionId, request.body.label.trim());
        return toSessionJson(renamed);
      },
    );

    /** An owner-only change of a session, answered with the session as it is after. */
    const sessionChange = (change: 'reset' | 'archive', summary: string, description: string): void => {
      app.post(
        consolePath(`/sessions/:session_id/${change}`),
        {
          config: auth,
          schema: {
            summary,
            description,
            tags,
            params: SessionIdParams,
            response: { 200: SessionJsonSchema },
          },
        },
        async (request) => {
          const caller = callerOf(request);
          const session = await findOwnSession(sessions, caller, request.params.session_id);
          return toSessionJson(await sessions[change](caller.tenantId, session.sessionId));
        },
      );
    };

    sessionChange(
      'reset',
      'Reset a session',
      "Clears the session's last run, so the next run starts a fresh context; the history stays " +
        'in the journal.',
    );

    sessionChange(
      'archive',
      'Archive a session',
      'Sets `archived_at` and frees the session key for a new session (the archived one is ' +
        'renamed `archived:<session_id>:<unix_ms>`). Archiving an archived session changes nothing.',
    );
  };
}
