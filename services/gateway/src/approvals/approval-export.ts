import { canonicalJson, GENESIS_HASH, sha256Hex } from '@palyra/core';
import type { ApprovalRecord } from '@palyra/journal';

/**
 * Approval exports: the records as JSON (one array) or NDJSON with a running checksum chain, so
 * an auditor holding only the file can tell whether a record was altered, dropped, reordered or
 * the file cut short.
 *
 * NDJSON, exactly (every line is core's `canonicalJson` of an object: keys sorted, no whitespace,
 * then `\n`):
 *   entry n (n = 1, 2, ...):
 *     {"chain_checksum_sha256": C_n, "prev_checksum_sha256": C_{n-1}, "record": R_n,
 *      "record_checksum_sha256": H_n, "record_type": "entry", "schema": S, "sequence": n}
 *   then one trailer:
 *     {"exported_records": N, "final_chain_checksum_sha256": C_N, "record_type": "trailer", "schema": S}
 * where
 *   S   = "palyra.approvals.export.v1"
 *   H_n = sha256_hex(canonicalJson(R_n))                       (R_n as parsed from the line)
 *   C_0 = "0" x 64
 *   C_n = sha256_hex(S + "\n" + n + "\n" + C_{n-1} + "\n" + H_n)   (n in decimal, UTF-8 throughout)
 * `verifyApprovalExport` checks all of it. The JSON format is `[R_1,R_2,...]` without checksums.
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

/** C_n from C_{n-1} and H_n, as documented above. */
export function approvalExportChainChecksum(
  sequence: number,
  previousChecksum: string,
  recordChecksum: string,
): string {
  return sha256Hex(`${APPROVAL_EXPORT_SCHEMA}\n${sequence}\n${previousChecksum}\n${recordChecksum}`);
}

/** Builds the NDJSON lines of one export in order. */
export class ApprovalNdjsonChain {
  #sequence = 0;
  #checksum = GENESIS_HASH;

  entry(record: ApprovalExportRecord): string {
    this.#sequence += 1;
    const recordChecksum = sha256Hex(canonicalJson(record));
    const chainChecksum = approvalExportChainChecksum(this.#sequence, this.#checksum, recordChecksum);
    const line = canonicalJson({
      schema: APPROVAL_EXPORT_SCHEMA,
      record_type: 'entry',
      sequence: this.#sequence,
      prev_checksum_sha256: this.#checksum,
      record_checksum_sha256: recordChecksum,
      chain_checksum_sha256: chainChecksum,
      record,
    });
    this.#checksum = chainChecksum;
    return `${line}\n`;
  }

  trailer(): string {
    const line = canonicalJson({
      schema: APPROVAL_EXPORT_SCHEMA,
      record_type: 'trailer',
      exported_records: this.#sequence,
      final_chain_checksum_sha256: this.#checksum,
    });
    return `${line}\n`;
  }
}

/** The document's text in pieces: NDJSON lines with the trailer, or the JSON array. */
export async function* approvalExportText(
  records: AsyncIterable<ApprovalRecord>,
  format: ApprovalExportFormat,
): AsyncGenerator<string> {
  if (format === 'ndjson') {
    const chain = new ApprovalNdjsonChain();
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

export type ApprovalExportVerification =
  | { readonly ok: true; readonly records: number; readonly finalChecksum: string }
  | { readonly ok: false; readonly line: number; readonly reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Verifies an NDJSON approval export (the formula is in this module's doc): every line parses,
 * sequences run 1..N, each line's checksums recompute from its record and the previous line, and
 * a trailer with N and C_N ends the file. Reports the first bad line (1-based).
 */
export function verifyApprovalExport(document: string | Uint8Array): ApprovalExportVerification {
  const text = typeof document === 'string' ? document : Buffer.from(document).toString('utf8');
  const fail = (line: number, reason: string): ApprovalExportVerification => ({ ok: false, line, reason });
  if (text.length > 0 && !text.endsWith('\n')) {
    return fail(text.split('\n').length, 'the export does not end with a newline (truncated?)');
  }
  const lines = text.split('\n').slice(0, -1);
  let checksum = GENESIS_HASH;
  let count = 0;
  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return fail(lineNumber, 'line is not valid JSON');
    }
    if (!isRecord(parsed)) return fail(lineNumber, 'line is not a JSON object');
    if (parsed.schema !== APPROVAL_EXPORT_SCHEMA) {
      return fail(lineNumber, `schema is not ${APPROVAL_EXPORT_SCHEMA}`);
    }
    if (parsed.record_type === 'trailer') {
      if (lineNumber !== lines.length) return fail(lineNumber, 'lines follow the trailer');
      if (parsed.exported_records !== count) {
        return fail(
          lineNumber,
          `trailer counts ${String(parsed.exported_records)} records, the export has ${count}`,
        );
      }
      if (parsed.final_chain_checksum_sha256 !== checksum) {
        return fail(lineNumber, 'trailer checksum does not match the chain');
      }
      return { ok: true, records: count, finalChecksum: checksum };
    }
    if (parsed.record_type !== 'entry') return fail(lineNumber, 'record_type is neither entry nor trailer');
    const sequence = count + 1;
    if (parsed.sequence !== sequence) {
      return fail(lineNumber, `sequence is ${String(parsed.sequence)}, expected ${sequence}`);
    }
    if (parsed.prev_checksum_sha256 !== checksum) {
      return fail(lineNumber, 'prev_checksum_sha256 does not match the previous line');
    }
    if (!('record' in parsed)) return fail(lineNumber, 'entry has no record');
    const recordChecksum = sha256Hex(canonicalJson(parsed.record));
    if (parsed.record_checksum_sha256 !== recordChecksum) {
      return fail(lineNumber, 'record_checksum_sha256 does not match the record');
    }
    const chainChecksum = approvalExportChainChecksum(sequence, checksum, recordChecksum);
    if (parsed.chain_checksum_sha256 !== chainChecksum) {
      return fail(lineNumber, 'chain_checksum_sha256 does not match the chain');
    }
    checksum = chainChecksum;
    count = sequence;
  }
  return fail(lines.length + 1, 'the export ends without a trailer (truncated?)');
}
