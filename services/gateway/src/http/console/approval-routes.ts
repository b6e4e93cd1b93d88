import { Readable } from 'node:stream';
import Type from 'typebox';
import { APPROVAL_EXPORT_FORMATS, toApprovalExportRecord } from '../../approvals/approval-export.js';
import {
  APPROVAL_DECISION_FILTERS,
  APPROVAL_REASON_MAX_CHARS,
  APPROVAL_SCOPE_TTL_MAX_MS,
  APPROVAL_SCOPES,
  APPROVAL_SUBJECT_TYPES,
  type ApprovalQuery,
  createApprovalOperations,
} from '../../approvals/approval-operations.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { CONSOLE_TAGS, Limit, StreamedBody, Ulid, UnixMs } from './console-schemas.js';
import { NDJSON_CONTENT_TYPE } from './journal-routes.js';
import { CursorPage } from './page-schemas.js';

const tags = [CONSOLE_TAGS.approvals];
const auth = { auth: 'tenant' } as const;

/** An approval as the approvals export writes it (one JSON shape for both). */
const ApprovalJsonSchema = Type.Object({
  tenant_id: Type.String(),
  approval_id: Ulid,
  session_id: Ulid,
  run_id: Ulid,
  proposal_id: Ulid,
  principal: Type.String(),
  device_id: Type.String(),
  channel: Type.String(),
  subject_type: Type.String(),
  /** For tools: the Palyra tool name. */
  subject_id: Type.String(),
  request_summary: Type.String(),
  /** The prompt shown to the approver (ApprovalPrompt as JSON). */
  prompt: Type.Unknown(),
  policy_snapshot: Type.Object({
    policy_id: Type.String(),
    policy_hash: Type.String(),
    evaluation_summary: Type.String(),
  }),
  requested_at_unix_ms: UnixMs,
  expires_at_unix_ms: UnixMs,
  /** null while pending. */
  decision: Type.Union([Type.String(), Type.Null()]),
  decision_scope: Type.Union([Type.String(), Type.Null()]),
  decision_scope_ttl_ms: Type.Integer({ minimum: 0 }),
  decision_reason: Type.String(),
  decided_by: Type.String(),
  resolved_at_unix_ms: Type.Union([UnixMs, Type.Null()]),
});

const ApprovalIdParams = Type.Object({ approval_id: Ulid });

const filterFields = {
  since_unix_ms: Type.Optional(UnixMs),
  until_unix_ms: Type.Optional(UnixMs),
  subject_id: Type.Optional(Type.String({ maxLength: 256 })),
  principal: Type.Optional(Type.String({ maxLength: 512 })),
  decision: Type.Optional(Type.Enum(APPROVAL_DECISION_FILTERS)),
  subject_type: Type.Optional(Type.Enum(APPROVAL_SUBJECT_TYPES)),
  session_id: Type.Optional(Ulid),
  run_id: Type.Optional(Ulid),
};

interface FilterQuery {
  readonly since_unix_ms?: number | undefined;
  readonly until_unix_ms?: number | undefined;
  readonly subject_id?: string | undefined;
  readonly principal?: string | undefined;
  readonly decision?: (typeof APPROVAL_DECISION_FILTERS)[number] | undefined;
  readonly subject_type?: string | undefined;
  readonly session_id?: string | undefined;
  readonly run_id?: string | undefined;
}

function approvalQuery(query: FilterQuery): ApprovalQuery {
  return {
    ...(query.since_unix_ms === undefined ? {} : { sinceMs: query.since_unix_ms }),
    ...(query.until_unix_ms === undefined ? {} : { untilMs: query.until_unix_ms }),
    ...(query.subject_id === undefined ? {} : { subjectId: query.subject_id }),
    ...(query.principal === undefined ? {} : { principal: query.principal }),
    ...(query.decision === undefined ? {} : { decision: query.decision }),
    ...(query.subject_type === undefined ? {} : { subjectType: query.subject_type }),
    ...(query.session_id === undefined ? {} : { sessionId: query.session_id }),
    ...(query.run_id === undefined ? {} : { runId: query.run_id }),
  };
}

/**
 * Tool approvals, through the same operations as the gRPC ApprovalsService. Tenant admins see
 * every approval of the tenant, anyone else only their own principal's; others read as unknown.
 * A decision wakes the worker waiting on it at once, on whichever replica holds the run.
 */
export function approvalRoutes(context: ConsoleContext): HttpRoutes {
  const { approvals, runs } = context.repositories;
  const operations =
    context.approvalOperations ?? createApprovalOperations({ approvals, runs, control: context.bus.control });
  return (app) => {
    app.get(
      consolePath('/approvals'),
      {
        config: auth,
        schema: {
          summary: 'List approvals',
          description: 'Newest first. Filters combine; `decision=pending` lists undecided approvals.',
          tags,
          querystring: Type.Object({
            ...filterFields,
            cursor: Type.Optional(Ulid),
            limit: Type.Optional(Limit),
          }),
          response: { 200: CursorPage(ApprovalJsonSchema) },
        },
      },
      async (request) => {
        const { cursor, limit } = request.query;
        const page = await operations.list(callerOf(request), {
          ...approvalQuery(request.query),
          ...(cursor === undefined ? {} : { after: cursor }),
          ...(limit === undefined ? {} : { limit }),
        });
        return {
          items: page.items.map(toApprovalExportRecord),
          next_cursor: page.nextAfter === '' ? null : page.nextAfter,
        };
      },
    );

    app.get(
      consolePath('/approvals/export'),
      {
        // A HEAD would run the whole stream only to drop its body.
        exposeHeadRoute: false,
        config: auth,
        schema: {
          summary: 'Export approvals',
          description:
            'The approvals matching the filters, newest first: `format=ndjson` (default) is one line ' +
            'per approval with a running sha256 checksum chain and a trailer (the formula is the ' +
            'one of the journal export, with schema `palyra.approvals.export.v1`); `format=json` is ' +
            'one array. At most `limit` records (default 1 000, at most 100 000).',
          tags,
          querystring: Type.Object({
            ...filterFields,
            format: Type.Optional(Type.Enum(APPROVAL_EXPORT_FORMATS)),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          }),
          response: {
            200: {
              description: 'the export, streamed',
              content: {
                [NDJSON_CONTENT_TYPE]: { schema: StreamedBody(Type.String()) },
                'application/json': { schema: StreamedBody(Type.Array(ApprovalJsonSchema)) },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const format = request.query.format ?? 'ndjson';
        const chunks = operations.export(callerOf(request), {
          ...approvalQuery(request.query),
          format,
          ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
        });
        return reply
          .type(format === 'ndjson' ? NDJSON_CONTENT_TYPE : 'application/json')
          .header('content-disposition', `attachment; filename="approvals.${format}"`)
          .send(Readable.from(chunks));
      },
    );

    app.get(
      consolePath('/approvals/:approval_id'),
      {
        config: auth,
        schema: {
          summary: 'Get an approval',
          tags,
          params: ApprovalIdParams,
          response: { 200: ApprovalJsonSchema },
        },
      },
      async (request) =>
        toApprovalExportRecord(await operations.get(callerOf(request), request.params.approval_id)),
    );

    app.post(
      consolePath('/approvals/:approval_id/decide'),
      {
        config: auth,
        schema: {
          summary: 'Decide an approval',
          description:
            'Allow or deny a pending tool call; the waiting run continues at once. The first decision ' +
            'wins: repeating it answers `decided: false`, a different one is 409. `decision_scope` ' +
            '`session` remembers an allow for the tool in the session, `timeboxed` for ' +
            '`decision_scope_ttl_ms`. An expired approval, or one whose run has ended, is 409. The ' +
            "approval's own principal or a tenant admin may decide.",
          tags,
          params: ApprovalIdParams,
          body: Type.Object(
            {
              approved: Type.Boolean(),
              reason: Type.Optional(Type.String({ maxLength: APPROVAL_REASON_MAX_CHARS })),
              decision_scope: Type.Optional(Type.Enum(APPROVAL_SCOPES)),
              decision_scope_ttl_ms: Type.Optional(
                Type.Integer({ minimum: 1, maximum: APPROVAL_SCOPE_TTL_MAX_MS }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ approval: ApprovalJsonSchema, decided: Type.Boolean() }) },
        },
      },
      async (request) => {
        const { approved, reason, decision_scope: scope, decision_scope_ttl_ms: scopeTtlMs } = request.body;
        const outcome = await operations.decide(callerOf(request), request.params.approval_id, {
          approved,
          ...(reason === undefined ? {} : { reason }),
          ...(scope === undefined ? {} : { scope }),
          ...(scopeTtlMs === undefined ? {} : { scopeTtlMs }),
        });
        return { approval: toApprovalExportRecord(outcome.approval), decided: outcome.decided };
      },
    );
  };
}
