import type { CallerContext } from '@palyra/auth';
import type { Control } from '@palyra/bus';
import {
  invalidArgument,
  isTerminalRunState,
  LIMITS,
  optionalUlid,
  PalyraError,
  requireUlid,
} from '@palyra/core';
import type {
  ApprovalDecisionValue,
  ApprovalFilter,
  ApprovalRecord,
  ApprovalRepository,
  ApprovalScopeValue,
  RunRepository,
} from '@palyra/journal';
import {
  APPROVAL_EXPORT_FORMATS,
  type ApprovalExportFormat,
  approvalExportText,
  chunkUtf8,
} from './approval-export.js';

/**
 * Approval operations shared by palyra.gateway.v1.ApprovalsService, the console HTTP routes and the
 * RunStream's in-stream `tool_approval_response`: input is the caller plus plain values, output is
 * journal records, errors are PalyraErrors.
 *
 * Visibility: tenant admins see every approval of their tenant; anyone else only approvals whose
 * principal is theirs. Someone else's approval reads as NOT_FOUND, exactly like a missing one, so
 * ids cannot be probed. Deciding needs the same visibility (admin or the approval's principal).
 */

/** Palyra's ApprovalSubjectType values, lower-case without the prefix. */
export const APPROVAL_SUBJECT_TYPES = [
  'tool',
  'channel_send',
  'secret_access',
  'browser_action',
  'node_capability',
  'device_pairing',
] as const;
export type ApprovalSubjectTypeValue = (typeof APPROVAL_SUBJECT_TYPES)[number];

export const APPROVAL_SCOPES = ['once', 'session', 'timeboxed'] as const;
/** Values of the `decision` filter: a recorded decision, or `pending` for undecided approvals. */
export const APPROVAL_DECISION_FILTERS = ['allow', 'deny', 'timeout', 'error', 'pending'] as const;
export const APPROVAL_REASON_MAX_CHARS = 1024;
/** A timeboxed grant lasts at most 30 days. */
export const APPROVAL_SCOPE_TTL_MAX_MS = 30 * 24 * 60 * 60 * 1000;
/** Records per export when the request names no limit, and the most one export may hold. */
export const APPROVAL_EXPORT_LIMIT_DEFAULT = 1_000;
export const APPROVAL_EXPORT_LIMIT_MAX = 100_000;

/** Filters of ListApprovals/ExportApprovals (plus session and run for the console). */
export interface ApprovalQuery {
  /** Requested at or after (unix ms); absent or <= 0 = no bound. */
  readonly sinceMs?: number;
  /** Requested at or before (unix ms); absent or <= 0 = no bound. */
  readonly untilMs?: number;
  readonly subjectId?: string;
  readonly principal?: string;
  readonly decision?: ApprovalDecisionValue | 'pending';
  readonly subjectType?: string;
  readonly sessionId?: string;
  readonly runId?: string;
}

export interface ApprovalListRequest extends ApprovalQuery {
  /** An approval id: the page continues after it (pages run newest first). */
  readonly after?: string;
  /** Absent or <= 0 = 100; at most 500. */
  readonly limit?: number;
}

export interface ApprovalExportRequest extends ApprovalQuery {
  readonly format: ApprovalExportFormat;
  /** Absent or <= 0 = 1 000; at most 100 000. */
  readonly limit?: number;
}

export interface ApprovalDecisionRequest {
  readonly approved: boolean;
  /** Shown to the model and kept for audit; empty = "approved by <principal>" / "denied by ...". */
  readonly reason?: string;
  /** Default `once`. */
  readonly scope?: ApprovalScopeValue;
  /** Required (> 0) for `timeboxed`; ignored otherwise. */
  readonly scopeTtlMs?: number;
}

export interface ApprovalDecided {
  readonly approval: ApprovalRecord;
  /** False when the same decision had been recorded already (an idempotent repeat). */
  readonly decided: boolean;
}

export interface ApprovalOperations {
  list(
    caller: CallerContext,
    request?: ApprovalListRequest,
  ): Promise<{ items: ApprovalRecord[]; nextAfter: string }>;
  get(caller: CallerContext, approvalId: string): Promise<ApprovalRecord>;
  /**
   * Validates at once (throws before any chunk), then yields the document in chunks of at most
   * 64 KiB, reading the repository page by page as the consumer pulls.
   */
  export(caller: CallerContext, request: ApprovalExportRequest): AsyncIterable<Uint8Array>;
  /**
   * First decision wins: the same decision again is an idempotent success, a different one is
   * FAILED_PRECONDITION naming the recorded one; an undecided approval past its expiry, or one
   * whose run has ended, is FAILED_PRECONDITION. The decision is durable before the worker holding
   * the run is woken through Control.
   */
  decide(
    caller: CallerContext,
    approvalId: string,
    request: ApprovalDecisionRequest,
  ): Promise<ApprovalDecided>;
}

export interface ApprovalOperationsDeps {
  readonly approvals: ApprovalRepository;
  readonly runs: Pick<RunRepository, 'get'>;
  readonly control: Pick<Control, 'notify'>;
  readonly now?: () => number;
}

function approvalNotFound(approvalId: string): PalyraError {
  return new PalyraError('NOT_FOUND', `approval ${approvalId} not found`, { details: { approvalId } });
}

function canSee(caller: CallerContext, approval: ApprovalRecord): boolean {
  return caller.isAdmin || approval.principal === caller.principal;
}

function trimmedOrUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function bound(value: number | undefined, field: string): number | undefined {
  if (value === undefined || value <= 0) return undefined;
  if (!Number.isSafeInteger(value)) throw invalidArgument(field, `${field} must be an integer`);
  return value;
}

function count(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return fallback;
  return Math.min(Math.floor(limit), max);
}

/**
 * The repository filter for a caller, or null when it can match nothing the caller may see (a
 * non-admin asking for another principal's approvals).
 */
function repositoryFilter(caller: CallerContext, query: ApprovalQuery): ApprovalFilter | null {
  const sinceMs = bound(query.sinceMs, 'since_unix_ms');
  const untilMs = bound(query.untilMs, 'until_unix_ms');
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs > untilMs) {
    throw invalidArgument('since_unix_ms', 'since_unix_ms must not be greater than until_unix_ms');
  }
  const subjectType = trimmedOrUndefined(query.subjectType)?.toLowerCase();
  if (subjectType !== undefined && !(APPROVAL_SUBJECT_TYPES as readonly string[]).includes(subjectType)) {
    throw invalidArgument('subject_type', `subject_type must be one of ${APPROVAL_SUBJECT_TYPES.join(', ')}`);
  }
  if (
    query.decision !== undefined &&
    !(APPROVAL_DECISION_FILTERS as readonly string[]).includes(query.decision)
  ) {
    throw invalidArgument('decision', `decision must be one of ${APPROVAL_DECISION_FILTERS.join(', ')}`);
  }
  const sessionId = optionalUlid(query.sessionId?.trim(), 'session_id');
  const runId = optionalUlid(query.runId?.trim(), 'run_id');
  const subjectId = trimmedOrUndefined(query.subjectId);
  let principal = trimmedOrUndefined(query.principal);
  if (!caller.isAdmin) {
    if (principal !== undefined && principal !== caller.principal) return null;
    principal = caller.principal;
  }
  return {
    ...(sinceMs === undefined ? {} : { sinceMs }),
    ...(untilMs === undefined ? {} : { untilMs }),
    ...(subjectId === undefined ? {} : { subjectId }),
    ...(principal === undefined ? {} : { principal }),
    ...(query.decision === undefined ? {} : { decision: query.decision }),
    ...(subjectType === undefined ? {} : { subjectType }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(runId === undefined ? {} : { runId }),
  };
}

interface ValidatedDecision {
  readonly decision: ApprovalDecisionValue;
  readonly scope: ApprovalScopeValue;
  readonly scopeTtlMs: number;
  readonly reason: string;
}

function validateDecision(caller: CallerContext, request: ApprovalDecisionRequest): ValidatedDecision {
  const scope = request.scope ?? 'once';
  if (!(APPROVAL_SCOPES as readonly string[]).includes(scope)) {
    throw invalidArgument('decision_scope', `decision_scope must be one of ${APPROVAL_SCOPES.join(', ')}`);
  }
  let scopeTtlMs = 0;
  if (scope === 'timeboxed') {
    const ttl = request.scopeTtlMs ?? 0;
    if (!Number.isSafeInteger(ttl) || ttl <= 0 || ttl > APPROVAL_SCOPE_TTL_MAX_MS) {
      throw invalidArgument(
        'decision_scope_ttl_ms',
        `decision_scope_ttl_ms must be between 1 and ${APPROVAL_SCOPE_TTL_MAX_MS} for a timeboxed decision`,
      );
    }
    scopeTtlMs = ttl;
  }
  const reason = request.reason?.trim() ?? '';
  if ([...reason].length > APPROVAL_REASON_MAX_CHARS) {
    throw invalidArgument('reason', `reason must be at most ${APPROVAL_REASON_MAX_CHARS} characters`);
  }
  if (reason.includes('\u0000')) throw invalidArgument('reason', 'reason must not contain NUL characters');
  const decision: ApprovalDecisionValue = request.approved ? 'allow' : 'deny';
  return {
    decision,
    scope,
    scopeTtlMs,
    reason: reason === '' ? `${request.approved ? 'approved' : 'denied'} by ${caller.principal}` : reason,
  };
}

function sameDecision(recorded: ApprovalRecord, wanted: ValidatedDecision): boolean {
  return (
    recorded.decision === wanted.decision &&
    recorded.decisionScope === wanted.scope &&
    (wanted.scope !== 'timeboxed' || recorded.decisionScopeTtlMs === wanted.scopeTtlMs)
  );
}

function describeDecision(approval: ApprovalRecord): string {
  const scope = approval.decisionScope === null ? '' : ` (${approval.decisionScope})`;
  const by = approval.decidedBy === '' ? '' : ` by ${approval.decidedBy}`;
  return `${approval.decision ?? 'undecided'}${scope}${by}`;
}

function alreadyDecided(approval: ApprovalRecord): PalyraError {
  return new PalyraError(
    'FAILED_PRECONDITION',
    `approval ${approval.approvalId} was already decided: ${describeDecision(approval)}`,
    {
      details: {
        approvalId: approval.approvalId,
        decision: approval.decision,
        scope: approval.decisionScope,
      },
    },
  );
}

export function createApprovalOperations(deps: ApprovalOperationsDeps): ApprovalOperations {
  const { approvals, runs, control } = deps;
  const now = deps.now ?? Date.now;

  async function visible(caller: CallerContext, approvalId: string): Promise<ApprovalRecord> {
    const approval = await approvals.get(caller.tenantId, approvalId);
    if (approval === null || !canSee(caller, approval)) throw approvalNotFound(approvalId);
    return approval;
  }

  async function* exportRecords(
    tenantId: string,
    filter: ApprovalFilter,
    limit: number,
  ): AsyncGenerator<ApprovalRecord> {
    let after: string | undefined;
    let remaining = limit;
    while (remaining > 0) {
      const page = await approvals.list(tenantId, {
        ...filter,
        ...(after === undefined ? {} : { after }),
        limit: Math.min(remaining, LIMITS.pageSizeMax),
      });
      for (const record of page.items.slice(0, remaining)) yield record;
      remaining -= page.items.length;
      if (page.nextAfter === '' || page.items.length === 0) return;
      after = page.nextAfter;
    }
  }

  /** Wakes the worker waiting on the approval; the decision is already durable. */
  function wake(approval: ApprovalRecord): void {
    control.notify(approval.tenantId, approval.runId, { type: 'approval', approvalId: approval.approvalId });
  }

  return {
    async list(caller, request = {}) {
      const after = optionalUlid(request.after?.trim(), 'after_approval_ulid');
      const limit = count(request.limit, LIMITS.pageSizeDefault, LIMITS.pageSizeMax);
      const filter = repositoryFilter(caller, request);
      if (filter === null) return { items: [], nextAfter: '' };
      return approvals.list(caller.tenantId, { ...filter, ...(after === undefined ? {} : { after }), limit });
    },

    async get(caller, rawApprovalId) {
      return visible(caller, requireUlid(rawApprovalId.trim(), 'approval_id'));
    },

    export(caller, request) {
      if (!(APPROVAL_EXPORT_FORMATS as readonly string[]).includes(request.format)) {
        throw invalidArgument('format', `format must be one of ${APPROVAL_EXPORT_FORMATS.join(', ')}`);
      }
      const limit = count(request.limit, APPROVAL_EXPORT_LIMIT_DEFAULT, APPROVAL_EXPORT_LIMIT_MAX);
      const filter = repositoryFilter(caller, request);
      const records = filter === null ? emptyRecords() : exportRecords(caller.tenantId, filter, limit);
      return chunkUtf8(approvalExportText(records, request.format));
    },

    async decide(caller, rawApprovalId, request) {
      const approvalId = requireUlid(rawApprovalId.trim(), 'approval_id');
      const wanted = validateDecision(caller, request);
      const existing = await visible(caller, approvalId);
      if (existing.decision !== null) {
        if (!sameDecision(existing, wanted)) throw alreadyDecided(existing);
        // Control is at-most-once: a retried decision wakes the worker again, at no cost to it.
        wake(existing);
        return { approval: existing, decided: false };
      }
      if (now() > existing.expiresAt.getTime()) {
        throw new PalyraError('FAILED_PRECONDITION', `approval ${approvalId} expired`, {
          details: { approvalId, expiresAt: existing.expiresAt.toISOString() },
        });
      }
      const run = await runs.get(caller.tenantId, existing.runId);
      if (run !== null && isTerminalRunState(run.state)) {
        throw new PalyraError(
          'FAILED_PRECONDITION',
          `approval ${approvalId} can no longer be decided: run ${run.runId} has ended (${run.state})`,
          { details: { approvalId, runId: run.runId, runState: run.state } },
        );
      }
      const outcome = await approvals.decide(caller.tenantId, approvalId, {
        decision: wanted.decision,
        scope: wanted.scope,
        ...(wanted.scope === 'timeboxed' ? { scopeTtlMs: wanted.scopeTtlMs } : {}),
        reason: wanted.reason,
        decidedBy: caller.principal,
      });
      // Another replica (or the worker's timeout) decided between our read and our write.
      if (!outcome.decided && !sameDecision(outcome.approval, wanted)) throw alreadyDecided(outcome.approval);
      wake(outcome.approval);
      return outcome;
    },
  };
}

async function* emptyRecords(): AsyncGenerator<ApprovalRecord> {}
