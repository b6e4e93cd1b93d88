import { once } from 'node:events';
import type { handleServerStreamingCall, ServerWritableStream } from '@grpc/grpc-js';
import type { CallerContext } from '@palyra/auth';
import { GrpcStatus, invalidArgument, requireUlid } from '@palyra/core';
import type { ApprovalDecisionValue, ApprovalRecord, ApprovalScopeValue } from '@palyra/journal';
import type {
  ApprovalDecision,
  ApprovalDecision__Output,
  ApprovalDecisionScope,
  ApprovalDecisionScope__Output,
  ApprovalExportFormat__Output,
  ApprovalOption,
  ApprovalPrompt,
  ApprovalRecord as ApprovalRecordMessage,
  ApprovalRiskLevel,
  ApprovalSubjectType,
  ApprovalSubjectType__Output,
  ApprovalsServiceHandlers,
  DecideApprovalRequest__Output,
  DecideApprovalResponse,
  ExportApprovalsRequest__Output,
  ExportApprovalsResponse,
  GetApprovalRequest__Output,
  GetApprovalResponse,
  ListApprovalsRequest__Output,
  ListApprovalsResponse,
} from '@palyra/proto';
import type { ApprovalExportFormat } from '../approvals/approval-export.js';
import type {
  ApprovalOperations,
  ApprovalQuery,
  ApprovalSubjectTypeValue,
} from '../approvals/approval-operations.js';
import { requireVersion, ulidOf } from '../validation.js';
import { statusName, toCallStatus } from './grpc-status.js';
import { authenticatedUnary, type UnaryContext } from './unary-call.js';

export interface ApprovalsServiceContext extends UnaryContext {
  /** The same instance the RunStream's in-stream approval responses use. */
  readonly approvalOperations: ApprovalOperations;
}

const DECISION_MESSAGE: Readonly<Record<ApprovalDecisionValue, ApprovalDecision>> = {
  allow: 'APPROVAL_DECISION_ALLOW',
  deny: 'APPROVAL_DECISION_DENY',
  timeout: 'APPROVAL_DECISION_TIMEOUT',
  error: 'APPROVAL_DECISION_ERROR',
};

const DECISION_FILTER: Readonly<Record<ApprovalDecision__Output, ApprovalDecisionValue | undefined>> = {
  APPROVAL_DECISION_UNSPECIFIED: undefined,
  APPROVAL_DECISION_ALLOW: 'allow',
  APPROVAL_DECISION_DENY: 'deny',
  APPROVAL_DECISION_TIMEOUT: 'timeout',
  APPROVAL_DECISION_ERROR: 'error',
};

const SCOPE_MESSAGE: Readonly<Record<ApprovalScopeValue, ApprovalDecisionScope>> = {
  once: 'APPROVAL_DECISION_SCOPE_ONCE',
  session: 'APPROVAL_DECISION_SCOPE_SESSION',
  timeboxed: 'APPROVAL_DECISION_SCOPE_TIMEBOXED',
};

// UNSPECIFIED decides for this call only, as Palyra v1 does.
const SCOPE_OF_MESSAGE: Readonly<Record<ApprovalDecisionScope__Output, ApprovalScopeValue>> = {
  APPROVAL_DECISION_SCOPE_UNSPECIFIED: 'once',
  APPROVAL_DECISION_SCOPE_ONCE: 'once',
  APPROVAL_DECISION_SCOPE_SESSION: 'session',
  APPROVAL_DECISION_SCOPE_TIMEBOXED: 'timeboxed',
};

const SUBJECT_TYPE_MESSAGE: Readonly<Record<ApprovalSubjectTypeValue, ApprovalSubjectType>> = {
  tool: 'APPROVAL_SUBJECT_TYPE_TOOL',
  channel_send: 'APPROVAL_SUBJECT_TYPE_CHANNEL_SEND',
  secret_access: 'APPROVAL_SUBJECT_TYPE_SECRET_ACCESS',
  browser_action: 'APPROVAL_SUBJECT_TYPE_BROWSER_ACTION',
  node_capability: 'APPROVAL_SUBJECT_TYPE_NODE_CAPABILITY',
  device_pairing: 'APPROVAL_SUBJECT_TYPE_DEVICE_PAIRING',
};

const SUBJECT_TYPE_FILTER: Readonly<
  Record<ApprovalSubjectType__Output, ApprovalSubjectTypeValue | undefined>
> = {
  APPROVAL_SUBJECT_TYPE_UNSPECIFIED: undefined,
  APPROVAL_SUBJECT_TYPE_TOOL: 'tool',
  APPROVAL_SUBJECT_TYPE_CHANNEL_SEND: 'channel_send',
  APPROVAL_SUBJECT_TYPE_SECRET_ACCESS: 'secret_access',
  APPROVAL_SUBJECT_TYPE_BROWSER_ACTION: 'browser_action',
  APPROVAL_SUBJECT_TYPE_NODE_CAPABILITY: 'node_capability',
  APPROVAL_SUBJECT_TYPE_DEVICE_PAIRING: 'device_pairing',
};

// UNSPECIFIED exports NDJSON, as Palyra v1 does: the verifiable format is the default.
const FORMAT_OF_MESSAGE: Readonly<Record<ApprovalExportFormat__Output, ApprovalExportFormat>> = {
  APPROVAL_EXPORT_FORMAT_UNSPECIFIED: 'ndjson',
  APPROVAL_EXPORT_FORMAT_NDJSON: 'ndjson',
  APPROVAL_EXPORT_FORMAT_JSON: 'json',
};

/** An enum value the decoder could not name (a newer client's value) is refused, naming the field. */
function fromEnum<Key extends string, Value>(
  table: Readonly<Record<Key, Value>>,
  value: Key,
  field: string,
): Value {
  if (!Object.hasOwn(table, value))
    throw invalidArgument(field, `${field} has an unknown value ${String(value)}`);
  return table[value];
}

function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined;
}

function text(source: unknown, key: string): string {
  const value = field(source, key);
  return typeof value === 'string' ? value : '';
}

function integer(source: unknown, key: string): number {
  const value = field(source, key);
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/**
 * The stored prompt is the worker's ApprovalPromptPayload (JSON); it is read defensively, so a
 * record written by an older worker still renders instead of failing the whole page.
 */
export function toApprovalPromptMessage(prompt: unknown): ApprovalPrompt | null {
  if (typeof prompt !== 'object' || prompt === null) return null;
  const risk = text(prompt, 'risk_level');
  const options = field(prompt, 'options');
  return {
    title: text(prompt, 'title'),
    risk_level: (['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(risk)
      ? `APPROVAL_RISK_LEVEL_${risk}`
      : 'APPROVAL_RISK_LEVEL_UNSPECIFIED') as ApprovalRiskLevel,
    subject_id: text(prompt, 'subject_id'),
    summary: text(prompt, 'summary'),
    options: Array.isArray(options)
      ? options.map((option: unknown): ApprovalOption => {
          const scope = text(option, 'decision_scope');
          return {
            option_id: text(option, 'option_id'),
            label: text(option, 'label'),
            description: text(option, 'description'),
            default_selected: field(option, 'default_selected') === true,
            decision_scope: (['ONCE', 'SESSION', 'TIMEBOXED'].includes(scope)
              ? `APPROVAL_DECISION_SCOPE_${scope}`
              : 'APPROVAL_DECISION_SCOPE_UNSPECIFIED') as ApprovalDecisionScope,
            timebox_ttl_ms: integer(option, 'timebox_ttl_ms'),
          };
        })
      : [],
    timeout_seconds: integer(prompt, 'timeout_seconds'),
    details_json: Buffer.from(text(prompt, 'details_json'), 'utf8'),
    policy_explanation: text(prompt, 'policy_explanation'),
  };
}

export function toApprovalRecordMessage(approval: ApprovalRecord): ApprovalRecordMessage {
  const subjectType = approval.subjectType as ApprovalSubjectTypeValue;
  return {
    v: 1,
    approval_id: { ulid: approval.approvalId },
    session_id: { ulid: approval.sessionId },
    run_id: { ulid: approval.runId },
    principal: approval.principal,
    device_id: approval.deviceId,
    channel: approval.channel,
    requested_at_unix_ms: approval.requestedAt.getTime(),
    resolved_at_unix_ms: approval.resolvedAt === null ? 0 : approval.resolvedAt.getTime(),
    subject_type: Object.hasOwn(SUBJECT_TYPE_MESSAGE, subjectType)
      ? SUBJECT_TYPE_MESSAGE[subjectType]
      : 'APPROVAL_SUBJECT_TYPE_UNSPECIFIED',
    subject_id: approval.subjectId,
    request_summary: approval.requestSummary,
    decision:
      approval.decision === null ? 'APPROVAL_DECISION_UNSPECIFIED' : DECISION_MESSAGE[approval.decision],
    decision_scope:
      approval.decisionScope === null
        ? 'APPROVAL_DECISION_SCOPE_UNSPECIFIED'
        : SCOPE_MESSAGE[approval.decisionScope],
    policy_snapshot: {
      policy_id: approval.policyId,
      policy_hash: approval.policyHash,
      evaluation_summary: approval.policySummary,
    },
    prompt: toApprovalPromptMessage(approval.prompt),
    decision_reason: approval.decisionReason,
    decision_scope_ttl_ms: approval.decisionScopeTtlMs,
  };
}

/** The filters ListApprovals and ExportApprovals share (0 / '' / UNSPECIFIED = no filter). */
function queryOf(request: ListApprovalsRequest__Output | ExportApprovalsRequest__Output): ApprovalQuery {
  const decision = fromEnum(DECISION_FILTER, request.decision, 'decision');
  const subjectType = fromEnum(SUBJECT_TYPE_FILTER, request.subject_type, 'subject_type');
  return {
    sinceMs: request.since_unix_ms,
    untilMs: request.until_unix_ms,
    subjectId: request.subject_id,
    principal: request.principal,
    ...(decision === undefined ? {} : { decision }),
    ...(subjectType === undefined ? {} : { subjectType }),
  };
}

/**
 * A server-streaming handler with the gateway's edges: caller resolution, metrics, the one error
 * mapping, backpressure (waits for 'drain'), and a stop when the client cancels.
 */
function authenticatedServerStream<Request, Response>(
  context: UnaryContext,
  method: string,
  handler: (request: Request, caller: CallerContext) => AsyncIterable<Response>,
): handleServerStreamingCall<Request, Response> {
  return (call: ServerWritableStream<Request, Response>) => {
    const startedAt = performance.now();
    const cancelled = new AbortController();
    const onCancelled = (): void => cancelled.abort();
    call.on('cancelled', onCancelled);
    const record = (code: number): void =>
      context.metrics.request(method, statusName(code), (performance.now() - startedAt) / 1000);
    void (async () => {
      try {
        const caller = await context.callers.resolve((name) => call.metadata.get(name));
        for await (const message of handler(call.request, caller)) {
          if (cancelled.signal.aborted) break;
          if (!call.write(message)) await once(call, 'drain', { signal: cancelled.signal });
        }
      } catch (error) {
        if (cancelled.signal.aborted) {
          record(GrpcStatus.CANCELLED);
          return;
        }
        const status = toCallStatus(error, context.logger, { method });
        record(status.code);
        call.emit('error', status);
        return;
      } finally {
        call.off('cancelled', onCancelled);
      }
      if (cancelled.signal.aborted) {
        record(GrpcStatus.CANCELLED);
        return;
      }
      record(GrpcStatus.OK);
      call.end();
    })();
  };
}

/** palyra.gateway.v1.ApprovalsService, with our DecideApproval addition. */
export function createApprovalsServiceHandlers(context: ApprovalsServiceContext): ApprovalsServiceHandlers {
  const operations = context.approvalOperations;

  const listApprovals = authenticatedUnary<ListApprovalsRequest__Output, ListApprovalsResponse>(
    context,
    'ListApprovals',
    async (request, caller) => {
      requireVersion(request.v);
      const page = await operations.list(caller, {
        ...queryOf(request),
        after: request.after_approval_ulid,
        limit: request.limit,
      });
      return {
        v: 1,
        approvals: page.items.map(toApprovalRecordMessage),
        next_after_approval_ulid: page.nextAfter,
      };
    },
  );

  const getApproval = authenticatedUnary<GetApprovalRequest__Output, GetApprovalResponse>(
    context,
    'GetApproval',
    async (request, caller) => {
      requireVersion(request.v);
      const approval = await operations.get(caller, requireUlid(ulidOf(request.approval_id), 'approval_id'));
      return { v: 1, approval: toApprovalRecordMessage(approval) };
    },
  );

  const exportApprovals = authenticatedServerStream<ExportApprovalsRequest__Output, ExportApprovalsResponse>(
    context,
    'ExportApprovals',
    async function* (request, caller) {
      requireVersion(request.v);
      const chunks = operations.export(caller, {
        ...queryOf(request),
        format: fromEnum(FORMAT_OF_MESSAGE, request.format, 'format'),
        limit: request.limit,
      });
      let chunkSeq = 0;
      for await (const chunk of chunks) {
        chunkSeq += 1;
        yield { v: 1, chunk, chunk_seq: chunkSeq, done: false };
      }
      yield { v: 1, chunk: Buffer.alloc(0), chunk_seq: chunkSeq + 1, done: true };
    },
  );

  const decideApproval = authenticatedUnary<DecideApprovalRequest__Output, DecideApprovalResponse>(
    context,
    'DecideApproval',
    async (request, caller) => {
      requireVersion(request.v);
      const approvalId = requireUlid(ulidOf(request.approval_id), 'approval_id');
      const { approval } = await operations.decide(caller, approvalId, {
        approved: request.approved,
        reason: request.reason,
        scope: fromEnum(SCOPE_OF_MESSAGE, request.decision_scope, 'decision_scope'),
        scopeTtlMs: request.decision_scope_ttl_ms,
      });
      return { v: 1, approval: toApprovalRecordMessage(approval) };
    },
  );

  return {
    ListApprovals: listApprovals,
    GetApproval: getApproval,
    ExportApprovals: exportApprovals,
    DecideApproval: decideApproval,
  };
}
