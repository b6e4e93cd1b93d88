import { invalidArgument, PalyraError, requireUlid } from '@palyra/core';
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from './database.js';
import {
  FOREIGN_KEY_VIOLATION,
  isConstraintViolation,
  postgresError,
  toSafeInteger,
  UNIQUE_VIOLATION,
} from './db-values.js';
import { pageLimit } from './paging.js';
import {
  APPROVAL_DECISIONS,
  APPROVAL_SCOPES,
  type ApprovalDecisionInput,
  type ApprovalDecisionValue,
  type ApprovalFilter,
  type ApprovalGrantRecord,
  type ApprovalRecord,
  type ApprovalRepository,
  type ApprovalScopeValue,
  type NewApproval,
} from './ports.js';
import type { ApprovalGrantsTable, ApprovalsTable, JournalSchema } from './schema.js';
import { readInTenant, type TenantTransaction, withTenant } from './tenant-scope.js';
import { requireText } from './text-fields.js';

/** Postgres cannot store U+0000 in jsonb. */
const UNTRANSLATABLE_CHARACTER = '22P05';

/**
 * Tool approvals. A record is decided once: `decide` is one guarded UPDATE (`decision IS NULL`),
 * so of two replicas answering the same approval the first commit wins and the other reads it.
 */
export function createApprovalRepository(database: Database): ApprovalRepository {
  const selectByIdQuery = (tenantId: string, approvalId: string) =>
    database.kysely
      .selectFrom('approvals')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('approval_id', '=', approvalId);

  return {
    async create(tenantId, approval) {
      const values = approvalValues(tenantId, approval);
      try {
        return await withTenant(database, tenantId, async (trx) => {
          const inserted = await trx
            .insertInto('approvals')
            .values(values)
            .onConflict((oc) => oc.columns(['tenant_id', 'run_id', 'proposal_id']).doNothing())
            .returningAll()
            .executeTakeFirst();
          if (inserted !== undefined) return { approval: toApprovalRecord(inserted), created: true };
          const existing = await trx
            .selectFrom('approvals')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('run_id', '=', approval.runId)
            .where('proposal_id', '=', approval.proposalId)
            .executeTakeFirstOrThrow();
          return { approval: toApprovalRecord(existing), created: false };
        });
      } catch (error) {
        if (isConstraintViolation(error, UNIQUE_VIOLATION, 'approvals_pkey')) {
          throw new PalyraError('ALREADY_EXISTS', `approval ${approval.approvalId} already exists`, {
            cause: error,
            details: { approvalId: approval.approvalId },
          });
        }
        if (isConstraintViolation(error, FOREIGN_KEY_VIOLATION, 'approvals_run_fkey')) {
          throw new PalyraError(
            'NOT_FOUND',
            `run ${approval.runId} not found in session ${approval.sessionId}`,
            {
              cause: error,
              details: { runId: approval.runId, sessionId: approval.sessionId },
            },
          );
        }
        if (postgresError(error)?.code === UNTRANSLATABLE_CHARACTER) {
          throw invalidArgument('prompt', 'prompt must not contain NUL characters');
        }
        throw error;
      }
    },

    async get(tenantId, approvalId) {
      requireUlid(approvalId, 'approval_id');
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(selectByIdQuery(tenantId, approvalId)),
      );
      return row === undefined ? null : toApprovalRecord(row);
    },

    async getByProposal(tenantId, runId, proposalId) {
      requireUlid(runId, 'run_id');
      requireText(proposalId, 'proposal_id');
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('approvals')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('run_id', '=', runId)
            .where('proposal_id', '=', proposalId),
        ),
      );
      return row === undefined ? null : toApprovalRecord(row);
    },

    async decide(tenantId, approvalId, input) {
      requireUlid(approvalId, 'approval_id');
      const decision = validateDecision(input);
      const result = await withTenant(database, tenantId, async (trx) => {
        const decided = await trx
          .updateTable('approvals')
          .set({
            decision: decision.decision,
            decision_scope: decision.scope,
            decision_scope_ttl_ms: decision.ttlMs,
            decision_reason: decision.reason,
            decided_by: decision.decidedBy,
            resolved_at: sql`now()`,
          })
          .where('tenant_id', '=', tenantId)
          .where('approval_id', '=', approvalId)
          .where('decision', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (decided === undefined) {
          const current = await trx
            .selectFrom('approvals')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('approval_id', '=', approvalId)
            .executeTakeFirst();
          return { row: current, decided: false };
        }
        if (decision.decision === 'allow' && decision.scope !== 'once') {
          await upsertGrant(trx, decided, decision);
        }
        return { row: decided, decided: true };
      });
      if (result.row === undefined) {
        throw new PalyraError('NOT_FOUND', 'approval not found', { details: { approvalId } });
      }
      return { approval: toApprovalRecord(result.row), decided: result.decided };
    },

    async list(tenantId, filter = {}) {
      const limit = pageLimit(filter.limit);
      const rows = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          applyFilter(
            database.kysely.selectFrom('approvals').selectAll().where('tenant_id', '=', tenantId),
            filter,
          )
            .orderBy('approval_id', 'desc')
            .limit(limit + 1),
        ),
      );
      const items = rows.slice(0, limit).map(toApprovalRecord);
      const last = items.at(-1);
      return { items, nextAfter: rows.length > limit && last ? last.approvalId : '' };
    },

    async findGrant(tenantId, sessionId, subjectId, now) {
      requireUlid(sessionId, 'session_id');
      requireText(subjectId, 'subject_id');
      const at = now === undefined ? sql<Date>`now()` : validDate(now, 'now');
      const [row] = await readInTenant(database, tenantId, (reader) =>
        reader.execute(
          database.kysely
            .selectFrom('approval_grants')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('session_id', '=', sessionId)
            .where('subject_id', '=', subjectId)
            .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)])),
        ),
      );
      return row === undefined ? null : toGrantRecord(row);
    },
  };
}

interface ValidDecision {
  readonly decision: ApprovalDecisionValue;
  readonly scope: ApprovalScopeValue;
  /** Stored only for `timeboxed`; 0 otherwise. */
  readonly ttlMs: number;
  readonly reason: string;
  readonly decidedBy: string;
}

function validateDecision(input: ApprovalDecisionInput): ValidDecision {
  if (!APPROVAL_DECISIONS.includes(input.decision)) {
    throw invalidArgument('decision', `decision must be one of ${APPROVAL_DECISIONS.join(', ')}`);
  }
  if (!APPROVAL_SCOPES.includes(input.scope)) {
    throw invalidArgument('decision_scope', `decision_scope must be one of ${APPROVAL_SCOPES.join(', ')}`);
  }
  let ttlMs = 0;
  if (input.scope === 'timeboxed') {
    ttlMs = input.scopeTtlMs ?? 0;
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
      throw invalidArgument(
        'decision_scope_ttl_ms',
        'decision_scope_ttl_ms must be a positive integer for a timeboxed decision',
      );
    }
  }
  if (typeof input.reason !== 'string')
    throw invalidArgument('decision_reason', 'decision_reason must be a string');
  if (typeof input.decidedBy !== 'string') throw invalidArgument('decided_by', 'decided_by must be a string');
  return {
    decision: input.decision,
    scope: input.scope,
    ttlMs,
    reason: input.reason,
    decidedBy: input.decidedBy,
  };
}

/**
 * The latest allow decision for a tool in a session replaces any earlier grant: a person who just
 * chose "for 10 minutes" meant that, even after an earlier "for this session".
 */
async function upsertGrant(
  trx: TenantTransaction,
  approval: Selectable<ApprovalsTable>,
  decision: ValidDecision,
): Promise<void> {
  // now() is the transaction's start, the same instant as the approval's resolved_at.
  const expiresAt =
    decision.scope === 'timeboxed'
      ? sql<Date>`now() + interval '1 millisecond' * ${decision.ttlMs}::double precision`
      : null;
  const scope = decision.scope as 'session' | 'timeboxed';
  await trx
    .insertInto('approval_grants')
    .values({
      tenant_id: approval.tenant_id,
      session_id: approval.session_id,
      subject_id: approval.subject_id,
      scope,
      expires_at: expiresAt,
      approval_id: approval.approval_id,
      granted_by: decision.decidedBy,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'session_id', 'subject_id']).doUpdateSet({
        scope,
        expires_at: expiresAt,
        approval_id: approval.approval_id,
        granted_by: decision.decidedBy,
        created_at: sql`now()`,
      }),
    )
    .execute();
}

function approvalValues(tenantId: string, approval: NewApproval) {
  const prompt = JSON.stringify(approval.prompt);
  if (prompt === undefined) throw invalidArgument('prompt', 'prompt must be a JSON value');
  return {
    tenant_id: tenantId,
    approval_id: requireUlid(approval.approvalId, 'approval_id'),
    session_id: requireUlid(approval.sessionId, 'session_id'),
    run_id: requireUlid(approval.runId, 'run_id'),
    proposal_id: requireText(approval.proposalId, 'proposal_id'),
    principal: requireText(approval.principal, 'principal'),
    device_id: approval.deviceId,
    channel: approval.channel,
    subject_type: requireText(approval.subjectType, 'subject_type'),
    subject_id: requireText(approval.subjectId, 'subject_id'),
    request_summary: approval.requestSummary,
    prompt,
    policy_id: approval.policyId,
    policy_hash: approval.policyHash,
    policy_summary: approval.policySummary,
    requested_at: validDate(approval.requestedAt, 'requested_at'),
    expires_at: validDate(approval.expiresAt, 'expires_at'),
    decision: null,
    decision_scope: null,
  };
}

type ApprovalQuery = SelectQueryBuilder<JournalSchema, 'approvals', Selectable<ApprovalsTable>>;

/** The list filters; '' and 0 mean "any", as the wire's defaults do. */
function applyFilter(
  query: ApprovalQuery,
  filter: ApprovalFilter & { readonly after?: string },
): ApprovalQuery {
  let result = query;
  if (filter.after)
    result = result.where('approval_id', '<', requireUlid(filter.after, 'after_approval_ulid'));
  if (filter.sinceMs) result = result.where('requested_at', '>=', msDate(filter.sinceMs, 'since_unix_ms'));
  if (filter.untilMs) result = result.where('requested_at', '<=', msDate(filter.untilMs, 'until_unix_ms'));
  if (filter.subjectId) result = result.where('subject_id', '=', filter.subjectId);
  if (filter.principal) result = result.where('principal', '=', filter.principal);
  if (filter.subjectType) result = result.where('subject_type', '=', filter.subjectType);
  if (filter.sessionId) result = result.where('session_id', '=', filter.sessionId);
  if (filter.runId) result = result.where('run_id', '=', filter.runId);
  if (filter.decision === 'pending') result = result.where('decision', 'is', null);
  else if (filter.decision !== undefined) result = result.where('decision', '=', filter.decision);
  return result;
}

function msDate(ms: number, field: string): Date {
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw invalidArgument(field, `${field} must be a non-negative integer`);
  return new Date(ms);
}

function validDate(value: Date, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalidArgument(field, `${field} must be a valid time`);
  }
  return value;
}

function toApprovalRecord(row: Selectable<ApprovalsTable>): ApprovalRecord {
  return {
    tenantId: row.tenant_id,
    approvalId: row.approval_id,
    sessionId: row.session_id,
    runId: row.run_id,
    proposalId: row.proposal_id,
    principal: row.principal,
    deviceId: row.device_id,
    channel: row.channel,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    requestSummary: row.request_summary,
    prompt: row.prompt,
    policyId: row.policy_id,
    policyHash: row.policy_hash,
    policySummary: row.policy_summary,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    decision: row.decision as ApprovalDecisionValue | null,
    decisionScope: row.decision_scope as ApprovalScopeValue | null,
    decisionScopeTtlMs: toSafeInteger(row.decision_scope_ttl_ms),
    decisionReason: row.decision_reason,
    decidedBy: row.decided_by,
    resolvedAt: row.resolved_at,
  };
}

function toGrantRecord(row: Selectable<ApprovalGrantsTable>): ApprovalGrantRecord {
  return {
    tenantId: row.tenant_id,
    sessionId: row.session_id,
    subjectId: row.subject_id,
    scope: row.scope as 'session' | 'timeboxed',
    expiresAt: row.expires_at,
    approvalId: row.approval_id,
    grantedBy: row.granted_by,
    createdAt: row.created_at,
  };
}
