import { canonicalJson } from '@palyra/core';
import type { ApprovalRecord } from '@palyra/journal';
import {
  type NdjsonChainVerification,
  NdjsonChecksumChain,
  verifyNdjsonChecksumChain,
} from '../exports/ndjson-checksum-chain.js';

/**
 * Approval exports: the records as JSON (one array, `[R_1,R_2,...]` without checksums) or NDJSON
 * with a running checksum chain, so an auditor holding only the file can tell whether a record was
 * altered, dropped, reordered or the file cut short. The NDJSON format and its formula are
 * exports/ndjson-checksum-chain.ts's, with S = "palyra.approvals.export.v1"; `verifyApprovalExport`
 * checks all of it.
 */

export const APPROVAL_EXPORT_SCHEMA = 'palyra.approvals.export.v1';
export const APPROVAL_EXPORT_FORMATS = ['ndjson', 'json'] as const;
export type ApprovalExportFormat = (typeof APPROVAL_EXPORT_FORMATS)[number];
/** The protocol's chunk bound. */
export const APPROVAL_EXPORT_CHUNK_BYTES = 64 * 1024;

/** One approval as exported (snake_case, JSON-safe; times in unix ms). */
export interface ApprovalExportRecord {
  readonly tenant_id: string;
  readonly approval_id: string;
  readonly session_id: string;
  readonly run_id: string;
  readonly proposal_id: string;
  readonly principal: string;
  readonly device_id: string;
  readonly channel: string;
  readonly subject_type: string;
  readonly subject_id: string;
  readonly request_summary: string;
  readonly prompt: unknown;
  readonly policy_snapshot: {
    readonly policy_id: string;
    readonly policy_hash: string;
    readonly evaluation_summary: string;
  };
  readonly requested_at_unix_ms: number;
  readonly expires_at_unix_ms: number;
  /** null while pending. */
  readonly decision: string | null;
  readonly decision_scope: string | null;
  readonly decision_scope_ttl_ms: number;
  readonly decision_reason: string;
  readonly decided_by: string;
  readonly resolved_at_unix_ms: number | null;
}

export function toApprovalExportRecord(record: ApprovalRecord): ApprovalExportRecord {
  return {
    tenant_id: record.tenantId,
    approval_id: record.approvalId,
    session_id: record.sessionId,
    run_id: record.runId,
    proposal_id: record.proposalId,
    principal: record.principal,
    device_id: record.deviceId,
    channel: record.channel,
    subject_type: record.subjectType,
    subject_id: record.subjectId,
    request_summary: record.requestSummary,
    prompt: record.prompt ?? null,
    policy_snapshot: {
      policy_id: record.policyId,
      policy_hash: record.policyHash,
      evaluation_summary: record.policySummary,
    },
    requested_at_unix_ms: record.requestedAt.getTime(),
    expires_at_unix_ms: record.expiresAt.getTime(),
    decision: record.decision,
    decision_scope: record.decisionScope,
    decision_scope_ttl_ms: record.decisionScopeTtlMs,
    decision_reason: record.decisionReason,
    decided_by: record.decidedBy,
    resolved_at_unix_ms: record.resolvedAt === null ? null : record.resolvedAt.getTime(),
  };
}

/** The document's text in pieces: NDJSON lines with the trailer, or the JSON array. */
export async function* approvalExportText(
  records: AsyncIterable<ApprovalRecord>,
  format: ApprovalExportFormat,
): AsyncGenerator<string> {
  if (format === 'ndjson') {
    const chain = new NdjsonChecksumChain(APPROVAL_EXPORT_SCHEMA);
    for await (const record of records) yield chain.entry(toApprovalExportRecord(record));
    yield chain.trailer();
    return;
  }
  let first = true;
  yield '[';
  for await (const record of records) {
    yield `${first ? '' : ','}${canonicalJson(toApprovalExportRecord(record))}`;
    first = false;
  }
  yield ']';
}

/**
 * Re-cuts text pieces into UTF-8 chunks of exactly `maxBytes` (the last may be shorter); a piece
 * larger than a chunk spans several. Concatenating the chunks gives the document's bytes.
 */
export async function* chunkUtf8(
  pieces: AsyncIterable<string>,
  maxBytes: number = APPROVAL_EXPORT_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of pieces) {
    const bytes = Buffer.from(piece, 'utf8');
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes < maxBytes) continue;
    let buffer = Buffer.concat(pending, pendingBytes);
    while (buffer.length >= maxBytes) {
      yield buffer.subarray(0, maxBytes);
      buffer = buffer.subarray(maxBytes);
    }
    pending = buffer.length === 0 ? [] : [buffer];
    pendingBytes = buffer.length;
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/** Verifies an NDJSON approval export; reports the first bad line (1-based). */
export function verifyApprovalExport(document: string | Uint8Array): NdjsonChainVerification {
  return verifyNdjsonChecksumChain(document, APPROVAL_EXPORT_SCHEMA);
}
