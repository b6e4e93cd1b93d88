import type { handleUnaryCall, UntypedHandleCall } from '@grpc/grpc-js';
import type { CallerContext } from '@palyra/auth';
import {
  type EventActor,
  GrpcStatus,
  invalidArgument,
  type JournalEventKind,
  newId,
  optionalUlid,
  PalyraError,
  requireUlid,
} from '@palyra/core';
import type { Repositories, RunRepository } from '@palyra/journal';
import type {
  AbortRunRequest__Output,
  AbortRunResponse,
  AppendEventRequest__Output,
  AppendEventResponse,
  CleanupSessionRequest__Output,
  CleanupSessionResponse,
  GatewayServiceHandlers,
  HealthRequest__Output,
  HealthResponse,
  JournalEvent_EventActor__Output,
  JournalEvent_EventKind__Output,
  ListSessionsRequest__Output,
  ListSessionsResponse,
  ResolveSessionRequest__Output,
  ResolveSessionResponse,
} from '@palyra/proto';
import { findVisibleRun } from '../run-stream/run-access.js';
import { DEFAULT_ABORT_REASON, type RunSignalDeps, requestRunCancel } from '../run-stream/run-signals.js';
import { RunStreamCall, type RunStreamContext } from '../run-stream/run-stream-call.js';
import { createSessionLookup, identityOf, toSessionSummary } from '../sessions/session-lookup.js';
import {
  findSelectedSession,
  normalizeSelector,
  requireOwnSession,
  resolveSession,
  SESSION_NOT_FOUND_MESSAGE,
} from '../sessions/session-resolution.js';
import { pageLimit, requireVersion, trimmedOrUndefined, ulidOf } from '../validation.js';
import { createAgentHandlers } from './agents-handlers.js';
import { callStatus, statusName } from './grpc-status.js';
import { authenticatedUnary, publicUnary, type UnaryContext } from './unary-call.js';

export interface VersionInfo {
  readonly version: string;
  readonly gitHash: string;
  readonly buildProfile: string;
}

export interface GatewayServiceContext extends UnaryContext, RunStreamContext {
  readonly repositories: Repositories;
  readonly versionInfo: VersionInfo;
  /** When this gateway started, for GetHealth's uptime. */
  readonly startedAtMs: number;
}

export const HEALTH_SERVICE_NAME = 'palyra-gateway';

/** RPCs of GatewayService that later issues implement (connectors). */
const NOT_YET_IMPLEMENTED = ['RouteMessage'] as const;

const KIND_OF_PALYRA: Readonly<Partial<Record<JournalEvent_EventKind__Output, JournalEventKind>>> = {
  EVENT_KIND_MESSAGE_RECEIVED: 'message_received',
  EVENT_KIND_MODEL_TOKEN: 'model_token',
  EVENT_KIND_TOOL_PROPOSED: 'tool_proposed',
  EVENT_KIND_TOOL_EXECUTED: 'tool_executed',
  EVENT_KIND_A2UI_UPDATED: 'a2ui_updated',
  EVENT_KIND_RUN_COMPLETED: 'run_completed',
  EVENT_KIND_RUN_FAILED: 'run_failed',
};

const ACTOR_OF_PALYRA: Readonly<Partial<Record<JournalEvent_EventActor__Output, EventActor>>> = {
  EVENT_ACTOR_USER: 'user',
  EVENT_ACTOR_AGENT: 'agent',
  EVENT_ACTOR_SYSTEM: 'system',
  EVENT_ACTOR_PLUGIN: 'plugin',
};

function signalDeps(context: GatewayServiceContext): RunSignalDeps {
  return {
    runs: context.repositories.runs,
    journal: context.repositories.journal,
    control: context.bus.control,
  };
}

async function countRuns(runs: RunRepository, tenantId: string, sessionId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await runs.listBySession(tenantId, sessionId, { cursor, limit: 500 });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return count;
}

function notImplemented(context: UnaryContext, method: string): handleUnaryCall<unknown, unknown> {
  const status = callStatus(GrpcStatus.UNIMPLEMENTED, `${method} is not implemented by this gateway yet`);
  return (_call, callback) => {
    context.metrics.request(method, statusName(status.code), 0);
    callback(status);
  };
}

/** palyra.gateway.v1.GatewayService, per the protocol sheet's Behaviour section. */
export function createGatewayServiceHandlers(context: GatewayServiceContext): GatewayServiceHandlers {
  const { repositories } = context;
  const { sessions, runs, journal } = repositories;

  const getHealth = publicUnary<HealthRequest__Output, HealthResponse>(
    context,
    'GetHealth',
    async (request) => {
      requireVersion(request.v);
      return {
        v: 1,
        service: HEALTH_SERVICE_NAME,
        status: 'ok',
        version: context.versionInfo.version,
        git_hash: context.versionInfo.gitHash,
        build_profile: context.versionInfo.buildProfile,
        uptime_seconds: Math.floor((Date.now() - context.startedAtMs) / 1000),
      };
    },
  );

  const resolveSessionHandler = authenticatedUnary<ResolveSessionRequest__Output, ResolveSessionResponse>(
    context,
    'ResolveSession',
    async (request, caller) => {
      requireVersion(request.v);
      const selector = normalizeSelector(request);
      const resolution = await resolveSession(
        selector,
        identityOf(caller),
        createSessionLookup(sessions, caller.tenantId),
      );
      return {
        v: 1,
        session: toSessionSummary(resolution.session),
        created: resolution.created,
        reset_applied: resolution.resetApplied,
      };
    },
  );

  const listSessions = authenticatedUnary<ListSessionsRequest__Output, ListSessionsResponse>(
    context,
    'ListSessions',
    async (request, caller) => {
      requireVersion(request.v);
      const after = request.after_session_key;
      const page = await sessions.list(caller.tenantId, identityOf(caller), {
        // The repository's cursor is the last key, base64url-encoded.
        cursor: after === '' ? null : Buffer.from(after, 'utf8').toString('base64url'),
        limit: pageLimit(request.limit),
        includeArchived: request.include_archived,
        q: request.q.trim(),
      });
      const last = page.items.at(-1);
      return {
        v: 1,
        sessions: page.items.map(toSessionSummary),
        next_after_session_key: page.nextCursor === null || last === undefined ? '' : last.sessionKey,
      };
    },
  );

  const cleanupSession = authenticatedUnary<CleanupSessionRequest__Output, CleanupSessionResponse>(
    context,
    'CleanupSession',
    async (request, caller) => {
      requireVersion(request.v);
      const selector = normalizeSelector({
        session_id: request.session_id,
        session_key: request.session_key,
        session_label: '',
        require_existing: true,
        reset_session: false,
      });
      if (selector.sessionId === undefined && selector.sessionKey === undefined) {
        throw invalidArgument('session_id', 'session_id or session_key is required');
      }
      const identity = identityOf(caller);
      const found = await findSelectedSession(
        selector,
        identity,
        createSessionLookup(sessions, caller.tenantId),
      );
      if (found === null) throw new PalyraError('SESSION_NOT_FOUND', SESSION_NOT_FOUND_MESSAGE);
      requireOwnSession(found, identity);
      const runCount = await countRuns(runs, caller.tenantId, found.sessionId);
      if (found.archivedAt !== null) {
        return {
          v: 1,
          session: toSessionSummary(found),
          cleaned: false,
          newly_archived: false,
          previous_session_key: found.sessionKey,
          run_count: runCount,
        };
      }
      const archived = await sessions.archive(caller.tenantId, found.sessionId);
      return {
        v: 1,
        session: toSessionSummary(archived),
        cleaned: true,
        newly_archived: true,
        previous_session_key: found.sessionKey,
        run_count: runCount,
      };
    },
  );

  const appendEvent = authenticatedUnary<AppendEventRequest__Output, AppendEventResponse>(
    context,
    'AppendEvent',
    async (request, caller) => {
      requireVersion(request.v);
      const event = request.event;
      if (event === null) throw invalidArgument('event', 'event is required');
      requireVersion(event.v);
      const eventId = optionalUlid(trimmedOrUndefined(ulidOf(event.event_id)), 'event_id') ?? newId();
      const sessionId = requireUlid(ulidOf(event.session_id), 'session_id');
      const runId = requireUlid(ulidOf(event.run_id), 'run_id');
      if (event.timestamp_unix_ms <= 0) {
        throw invalidArgument('timestamp_unix_ms', 'timestamp_unix_ms must be > 0');
      }
      const kind = KIND_OF_PALYRA[event.kind];
      if (kind === undefined)
        throw invalidArgument('kind', 'kind must be a known event kind, not unspecified');
      const actor = ACTOR_OF_PALYRA[event.actor];
      if (actor === undefined) throw invalidArgument('actor', 'actor must be a known actor, not unspecified');
      const session = await sessions.get(caller.tenantId, sessionId);
      if (session === null) throw new PalyraError('SESSION_NOT_FOUND', SESSION_NOT_FOUND_MESSAGE);
      requireOwnSession(session, identityOf(caller));
      // hash / prev_hash from the client are ignored: the journal computes the chain.
      const [stored] = await journal.append(caller.tenantId, sessionId, [
        {
          eventId,
          runId,
          kind,
          actor,
          payload: event.payload_json.length === 0 ? null : event.payload_json,
        },
      ]);
      // The journal treats an identical repeat as a no-op and returns the stored event; an event
      // already in the chain before this call is a duplicate for AppendEvent.
      if (stored === undefined || stored.chainSeq <= session.chainLength) {
        throw new PalyraError('ALREADY_EXISTS', `event ${eventId} already exists`, { details: { eventId } });
      }
      return { v: 1, event_id: { ulid: eventId }, accepted: true };
    },
  );

  const abortRun = authenticatedUnary<AbortRunRequest__Output, AbortRunResponse>(
    context,
    'AbortRun',
    async (request, caller: CallerContext) => {
      requireVersion(request.v);
      const runId = requireUlid(ulidOf(request.run_id), 'run_id');
      // Another principal's run reads as unknown (admins may abort any run of their tenant).
      const run = await findVisibleRun(runs, caller, runId);
      const reason = trimmedOrUndefined(request.reason) ?? DEFAULT_ABORT_REASON;
      const updated = await requestRunCancel(signalDeps(context), run, reason, caller.principal);
      return {
        v: 1,
        run_id: { ulid: runId },
        cancel_requested: updated.cancelRequested,
        reason: updated.cancelReason ?? reason,
      };
    },
  );

  const handlers: Record<string, UntypedHandleCall> = {
    GetHealth: getHealth,
    RunStream: (call: Parameters<GatewayServiceHandlers['RunStream']>[0]) => {
      new RunStreamCall(call, context).start();
    },
    AppendEvent: appendEvent,
    AbortRun: abortRun,
    ListSessions: listSessions,
    ResolveSession: resolveSessionHandler,
    CleanupSession: cleanupSession,
    ...createAgentHandlers(context),
  };
  for (const method of NOT_YET_IMPLEMENTED) handlers[method] = notImplemented(context, method);
  return handlers as unknown as GatewayServiceHandlers;
}
